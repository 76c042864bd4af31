// Umbrella header of the generated protobuf-c code; regenerate with `make protos`.
#include "patrol/v1/common.pb-c.h"
#include "patrol/v1/device.pb-c.h"
#include "patrol/v1/operator.pb-c.h"
