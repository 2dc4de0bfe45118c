enum HearthPlugsModule {}
