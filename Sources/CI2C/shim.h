// libi2c's SMBus helpers plus the i2c-dev ioctls. ioctl() is variadic, which
// Swift cannot call, so each request gets a typed inline wrapper here.
#ifndef HEARTH_CI2C_SHIM_H
#define HEARTH_CI2C_SHIM_H
#include <sys/ioctl.h>
#include <linux/i2c.h>
#include <linux/i2c-dev.h>
#include <i2c/smbus.h>

/// I2C_FUNCS: the adapter's functionality mask.
static inline int hearth_i2c_funcs(int fd, unsigned long *funcs) {
    return ioctl(fd, I2C_FUNCS, funcs);
}

/// I2C_SLAVE: address used by the following SMBus calls.
static inline int hearth_i2c_set_address(int fd, unsigned long address) {
    return ioctl(fd, I2C_SLAVE, address);
}

/// I2C_TIMEOUT: adapter timeout in units of 10 ms.
static inline int hearth_i2c_set_timeout(int fd, unsigned long tens_of_ms) {
    return ioctl(fd, I2C_TIMEOUT, tens_of_ms);
}

/// I2C_RDWR: one combined transaction (repeated start between messages, one stop).
static inline int hearth_i2c_rdwr(int fd, struct i2c_msg *msgs, unsigned int count) {
    struct i2c_rdwr_ioctl_data data = { msgs, count };
    return ioctl(fd, I2C_RDWR, &data);
}
#endif
