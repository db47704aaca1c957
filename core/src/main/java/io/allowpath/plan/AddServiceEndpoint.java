package io.allowpath.plan;

import io.allowpath.model.ResourceId;
import io.allowpath.model.Subnet;
import java.util.List;

/**
 * Enable a service endpoint ({@code Microsoft.Storage}, ...) on a subnet. {@code subnet} is the subnet
 * as it is before the plan; emitters keep its existing endpoints and other properties.
 */
public record AddServiceEndpoint(Subnet subnet, String vnetLocation, String service, List<String> pairs, String why)
    implements Change {
  public AddServiceEndpoint {
    pairs = List.copyOf(pairs);
  }

  @Override
  public String action() {
    return "ADD_SERVICE_ENDPOINT";
  }

  @Override
  public ResourceId resource() {
    return subnet.id();
  }

  @Override
  public String value() {
    return service;
  }
}
