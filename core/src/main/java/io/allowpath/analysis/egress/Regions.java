package io.allowpath.analysis.egress;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Azure region pairs, used for the default scope of a {@code Microsoft.Storage} service endpoint when
 * the subnet does not list its {@code locations} (a template): the subnet's region and its pair
 * (AZURE-EGRESS.md §4.0, T1). Source: https://learn.microsoft.com/azure/reliability/cross-region-replication-azure
 */
public final class Regions {
  private static final Map<String, String> PAIRS = new HashMap<>();

  static {
    pair("eastus", "westus");
    pair("eastus2", "centralus");
    pair("northcentralus", "southcentralus");
    pair("westus2", "westcentralus");
    pair("westus3", "eastus");
    pair("canadacentral", "canadaeast");
    pair("brazilsouth", "southcentralus");
    pair("northeurope", "westeurope");
    pair("uksouth", "ukwest");
    pair("francecentral", "francesouth");
    pair("germanywestcentral", "germanynorth");
    pair("switzerlandnorth", "switzerlandwest");
    pair("norwayeast", "norwaywest");
    pair("swedencentral", "swedensouth");
    pair("eastasia", "southeastasia");
    pair("japaneast", "japanwest");
    pair("koreacentral", "koreasouth");
    pair("australiaeast", "australiasoutheast");
    pair("australiacentral", "australiacentral2");
    pair("centralindia", "southindia");
    pair("westindia", "southindia");
    pair("uaenorth", "uaecentral");
    pair("southafricanorth", "southafricawest");
    pair("chinanorth", "chinaeast");
  }

  private Regions() {}

  private static void pair(String a, String b) {
    PAIRS.putIfAbsent(a, b);
    PAIRS.putIfAbsent(b, a);
  }

  /** The paired region, or null when unknown. */
  public static String pairOf(String region) {
    return region == null ? null : PAIRS.get(region.toLowerCase(Locale.ROOT));
  }
}
