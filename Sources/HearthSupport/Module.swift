// HearthSupport: see Package.swift. Files land here as the shared pieces move in.
enum HearthSupportModule {}
