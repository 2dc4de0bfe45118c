enum HearthRoomSensorsModule {}
