package io.allowpath.azure;

import java.net.URI;
import java.util.Locale;

/**
 * The Azure clouds {@code --cloud} names, with their Resource Manager endpoint and Microsoft Entra
 * authority, as {@code az cloud list} prints them (AzureCloud, AzureUSGovernment, AzureChinaCloud). Sources:
 * https://learn.microsoft.com/azure/azure-government/compare-azure-government-global-azure (ARM
 * {@code management.usgovcloudapi.net}, authority {@code login.microsoftonline.us}) and
 * https://learn.microsoft.com/azure/china/resources-developer-guide (ARM {@code management.chinacloudapi.cn},
 * authority {@code login.chinacloudapi.cn}). A token for ARM is requested with the scope
 * {@code <ARM endpoint>/.default}.
 */
public enum AzureCloud {
  AzureCloud("https://management.azure.com", "https://login.microsoftonline.com"),
  AzureUSGovernment("https://management.usgovcloudapi.net", "https://login.microsoftonline.us"),
  AzureChinaCloud("https://management.chinacloudapi.cn", "https://login.chinacloudapi.cn");

  private final URI arm;
  private final String authority;

  AzureCloud(String arm, String authority) {
    this.arm = URI.create(arm);
    this.authority = authority;
  }

  public URI arm() {
    return arm;
  }

  public String authority() {
    return authority;
  }

  /** The OAuth scope of a token for this cloud's Resource Manager. */
  public String scope() {
    return arm + "/.default";
  }

  /** Parses a {@code --cloud} value case-insensitively; null when it is not one of the three. */
  public static AzureCloud parse(String s) {
    for (AzureCloud c : values()) {
      if (c.name().toLowerCase(Locale.ROOT).equals(s.strip().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    return null;
  }
}
