package org.reorder.patch;

/**
 * One image of a split: its id, its label and its patch tensor {@code [numPatches, patchDim]}
 * (uint8 values in Java bytes, patches in row-major grid order, each channel-major).
 */
public record ImageRow(String imageId, int label, byte[] patches) {}
