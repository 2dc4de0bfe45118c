public enum HearthTestPoolPlaceholder {}
