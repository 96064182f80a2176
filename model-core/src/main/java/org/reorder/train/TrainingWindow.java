package org.reorder.train;

import org.reorder.policy.ReinforceOptimizer;

/** Running sums over the steps since the last metrics line, averaged when the line is written. */
final class TrainingWindow {
  private int steps;
  private int images;
  private double lossSum;
  private double correct;
  private double gradNormSum;
  private int skippedUpdates; // float16 overflows: no update, no grad norm in the mean
  private int policySteps;
  private double rewardSum;
  private double policyLossSum;
  private int policyUpdates; // policy steps that moved the logits (not one that only set b)
  private double baseline = Double.NaN;

  void add(StepOutput out) {
    steps++;
    images += out.size();
    lossSum += out.meanLoss() * out.size();
    correct += out.top1Accuracy() * out.size();
    if (out.skipped()) {
      skippedUpdates++;
    } else {
      gradNormSum += out.gradNorm();
    }
  }

  /** A policy step's mean reward, policy loss and the baseline its advantages used. */
  void addPolicy(double meanReward, double policyLoss, double baselineUsed) {
    policySteps++;
    rewardSum += meanReward;
    if (!Double.isNaN(policyLoss)) {
      policyUpdates++;
      policyLossSum += policyLoss;
    }
    baseline = baselineUsed;
  }

  MetricsLog.Line line(int step, int epoch, Phase phase, double lr, double temperature,
      ReinforceOptimizer reinforce) {
    MetricsLog.Line line = MetricsLog.line("train").put("step", step).put("epoch", epoch)
        .put("phase", phase.cliName()).put("loss", lossSum / images)
        .put("train_acc", correct / images).put("lr", lr)
        .put("grad_norm", gradNormSum / (steps - skippedUpdates));
    if (skippedUpdates > 0) {
      line.put("skipped_updates", skippedUpdates);
    }
    if (policySteps > 0) {
      line.put("reward", rewardSum / policySteps).put("baseline", baseline)
          .put("temperature", temperature).put("policy_loss", policyLossSum / policyUpdates)
          .put("policy_grad_norm", reinforce.lastGradNorm());
    }
    return line;
  }

  void reset() {
    steps = 0;
    images = 0;
    lossSum = 0;
    correct = 0;
    gradNormSum = 0;
    skippedUpdates = 0;
    policySteps = 0;
    rewardSum = 0;
    policyLossSum = 0;
    policyUpdates = 0;
    baseline = Double.NaN;
  }
}
