/**
 * Training a backbone on patch tensors, alone (a fixed scan order) or with REOrder's curriculum
 * (prior order, then a Plackett-Luce policy learned by REINFORCE, then the frozen mode): the
 * optimiser and its schedule, pixel normalisation, batch sources, evaluation with bootstrap
 * errors, checkpoints from which a run resumes exactly, metrics and progress output.
 */
package org.reorder.train;
