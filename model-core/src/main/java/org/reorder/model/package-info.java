/**
 * The four backbones REOrder trains (ViT, Transformer-XL, Longformer, Mamba) as DJL blocks, their
 * validated configuration ({@link org.reorder.model.ModelConfig}) and the pieces they share
 * (patch embedding, patch-following position table, permutation gather, classifier head).
 *
 * <p>Every backbone is built by {@link org.reorder.model.Backbones#build(ModelConfig)} and takes
 * {@code NDList(patches [B, N, patchDim] float32, order [B or 1, N] int64)}, returning logits
 * {@code [B, numClasses]}. See docs/models.md.
 */
package org.reorder.model;
