enum HearthCGMinerAPIModule {}
