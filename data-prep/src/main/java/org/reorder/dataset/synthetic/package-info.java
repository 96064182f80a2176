/**
 * The built-in synthetic dataset: real JPEG files, in the ImageNet or fMoW layout, whose class is
 * the spatial arrangement of four colored shapes, so that patch order matters. It is the default
 * dataset of the demo and the tests.
 */
package org.reorder.dataset.synthetic;
