import BopsYAML
