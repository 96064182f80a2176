/** Which device (GPU or CPU) an executor task trains on, from the resources Spark assigned it. */
package org.reorder.device;
