public enum HearthCLIPlaceholder {}
