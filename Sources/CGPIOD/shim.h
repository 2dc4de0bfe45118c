// libgpiod v1 (1.6.x, Debian 12 / Raspberry Pi OS bookworm): chips, lines, edge events.
#ifndef HEARTH_CGPIOD_SHIM_H
#define HEARTH_CGPIOD_SHIM_H
#include <gpiod.h>
#endif
