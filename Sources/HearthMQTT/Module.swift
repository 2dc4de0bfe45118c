enum HearthMQTTModule {}
