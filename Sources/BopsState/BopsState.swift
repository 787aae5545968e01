/// The recorded state, its stores, locks and the plan file format.
public enum BopsStateModule {}
