enum HearthAvalonModule {}
