package io.allowpath.emit.spec;

/**
 * Resource types and the stable API versions the emitters write. Versions were chosen from the
 * Azure REST API specs (azure-rest-api-specs stable folders) and the template reference
 * (https://learn.microsoft.com/azure/templates/); they exist for every property written here.
 */
public final class ApiVersions {
  private ApiVersions() {}

  public static final String NETWORK = "2024-05-01";
  public static final String PUBLIC_IP = "Microsoft.Network/publicIPAddresses";
  public static final String NAT_GATEWAY = "Microsoft.Network/natGateways";
  public static final String LOAD_BALANCER = "Microsoft.Network/loadBalancers";
  public static final String ROUTE_TABLE = "Microsoft.Network/routeTables";
  public static final String VNET = "Microsoft.Network/virtualNetworks";
  public static final String SUBNET = "Microsoft.Network/virtualNetworks/subnets";

  public static final String STORAGE = "2023-05-01";
  public static final String KEY_VAULT = "2023-07-01";
  public static final String SQL = "2023-08-01";
  public static final String COSMOS = "2024-11-15";
  public static final String ACR = "2023-07-01";
  public static final String WEB = "2023-12-01";
  public static final String EVENT_HUB = "2024-01-01";
  public static final String SERVICE_BUS = "2021-11-01";
  public static final String COGNITIVE = "2024-10-01";
  public static final String SEARCH = "2023-11-01";
  public static final String ML = "2024-10-01";
}
