public enum HearthMiningPlaceholder {}
