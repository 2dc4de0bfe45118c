enum HearthEmulatorsModule {}
