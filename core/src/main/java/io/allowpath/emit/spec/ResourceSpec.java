package io.allowpath.emit.spec;

import io.allowpath.model.ResourceId;
import java.util.List;

/**
 * One ARM resource as a deployment should declare it: its id (which gives subscription, resource
 * group, parent and name), type, API version, the body after {@code name} ({@code location},
 * {@code sku}, {@code kind}, {@code properties}, ...), resources it must wait for, and notes the writer
 * puts in a comment. {@code existing} resources are only referenced (Bicep {@code existing}); ARM drops
 * them.
 */
public record ResourceSpec(
    ResourceId id, String type, String apiVersion, boolean existing, Node.Obj body, List<ResourceId> dependsOn,
    List<String> notes) {
  public ResourceSpec {
    dependsOn = List.copyOf(dependsOn);
    notes = List.copyOf(notes);
  }

  /** True for a child resource ({@code servers/firewallRules}, {@code virtualNetworks/subnets}, ...). */
  public boolean isChild() {
    return type.indexOf('/') != type.lastIndexOf('/');
  }

  /** The resource's own name (last id segment). */
  public String name() {
    return id.name();
  }
}
