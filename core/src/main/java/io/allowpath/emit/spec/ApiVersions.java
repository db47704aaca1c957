package io.allowpath.emit.spec;

/**
 * Resource types and the stable API versions the emitters write. Versions were chosen from the
 * Azure REST API specs (azure-rest-api-specs stable folders) and the template reference
 * (https://learn.microsoft.com/azure/templates/); every property written here exists in that version, which
 * the tests check against the Bicep type system (bicep-types-az types.json).
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
  public static final String NSG_RULE = "Microsoft.Network/networkSecurityGroups/securityRules";

  public static final String STORAGE = "2023-05-01";
  public static final String KEY_VAULT = "2023-07-01";
  public static final String SQL = "2023-08-01";
  public static final String COSMOS = "2024-11-15";
  public static final String ACR = "2023-07-01";
  public static final String WEB = "2023-12-01";
  public static final String EVENT_HUB = "2024-01-01";
  public static final String SERVICE_BUS = "2021-11-01";
  public static final String COGNITIVE = "2024-10-01";
  /** 2025-05-01: the first stable version with {@code networkRuleSet.bypass}; 2023-11-01's enums are lowercase. */
  public static final String SEARCH = "2025-05-01";
  public static final String ML = "2024-10-01";
  /**
   * The AML workspace IP allow list ({@code properties.networkAcls}) exists only in preview versions (no stable
   * version in azure-rest-api-specs has it; the azure-ai-ml SDK reads it from v2024_10_01_preview). Only the az
   * CLI and Terraform (azapi) outputs use it; Bicep/ARM say so instead of deploying it.
   */
  public static final String ML_NETWORK_ACLS_PREVIEW = "2024-10-01-preview";
}
