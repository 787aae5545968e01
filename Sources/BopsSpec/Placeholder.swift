import BopsSchema
