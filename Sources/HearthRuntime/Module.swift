enum HearthRuntimeModule {}
