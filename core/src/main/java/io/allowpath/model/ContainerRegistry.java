package io.allowpath.model;

/** {@code Microsoft.ContainerRegistry/registries}: {@code networkRuleSet}, Premium only (§4.5, T9). */
public record ContainerRegistry(ResourceId id, String location, String sku, NetworkRules rules) implements Target {
  @Override
  public Service service() {
    return Service.CONTAINER_REGISTRY;
  }

  public boolean premium() {
    return "Premium".equalsIgnoreCase(sku);
  }

  public ContainerRegistry withRules(NetworkRules r) {
    return new ContainerRegistry(id, location, sku, r);
  }

  @Override
  public int ipRuleCount() {
    return rules.ipRules().size();
  }

  @Override
  public <R> R accept(Target.Visitor<R> v) {
    return v.registry(this);
  }
}
