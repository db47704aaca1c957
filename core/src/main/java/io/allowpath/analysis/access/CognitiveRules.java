package io.allowpath.analysis.access;

import io.allowpath.model.CognitiveAccount;

/**
 * Azure AI services / OpenAI accounts (AZURE-EGRESS.md §4.8 T13): the {@code networkAcls} shape
 * (https://learn.microsoft.com/azure/ai-services/cognitive-services-virtual-networks).
 */
final class CognitiveRules {
  private CognitiveRules() {}

  static Admission compile(CognitiveAccount c, RuleContext ctx) {
    return ctx.networkAcls(c.id(), c.rules(), "Azure AI services account");
  }
}
