/**
 * Image decoding and transforms: format sniffing, JPEG/PNG/PNM decoding with quirk handling (CMYK,
 * grayscale, 16-bit, EXIF orientation, decompression-bomb checks), resizing, cropping, and the step
 * to patch tensors. Plain Java; the Spark jobs call it on executors.
 */
package org.reorder.image;
