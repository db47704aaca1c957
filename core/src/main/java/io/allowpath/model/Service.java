package io.allowpath.model;

/**
 * The services allowpath evaluates as targets: their service tag family (for UDR service-tag routes and
 * firewall network rules), the service endpoint that carries traffic to them (null when the service
 * has none), the public DNS suffix of their endpoint, and their IP rule limit (AZURE-EGRESS.md §4;
 * 0 = no IP rules). Sources per service in the section of AZURE-EGRESS.md named in the comment.
 */
public enum Service {
  STORAGE("Storage", "Microsoft.Storage", ".blob.core.windows.net", 400), // §4.1 T2
  KEY_VAULT("AzureKeyVault", "Microsoft.KeyVault", ".vault.azure.net", 1000), // §4.2 T5
  SQL("Sql", "Microsoft.Sql", ".database.windows.net", 256), // §4.3 T7
  COSMOS_DB("AzureCosmosDB", "Microsoft.AzureCosmosDB", ".documents.azure.com", 0), // §4.4 T8
  CONTAINER_REGISTRY("AzureContainerRegistry", "Microsoft.ContainerRegistry", ".azurecr.io", 100), // §4.5 T9
  APP_SERVICE("AppService", "Microsoft.Web", ".azurewebsites.net", 512), // §4.6 T10
  EVENT_HUBS("EventHub", "Microsoft.EventHub", ".servicebus.windows.net", 128), // §4.7 T11
  SERVICE_BUS("ServiceBus", "Microsoft.ServiceBus", ".servicebus.windows.net", 128), // §4.7 T12
  COGNITIVE_SERVICES("CognitiveServicesFrontend", "Microsoft.CognitiveServices", ".cognitiveservices.azure.com", 100), // §4.8 T13
  SEARCH("AzureCognitiveSearch", null, ".search.windows.net", 0), // §4.9 T14 (no service endpoint)
  ML_WORKSPACE("AzureMachineLearning", null, ".api.azureml.ms", 200), // §2.1 A3
  DATABRICKS("AzureDatabricks", null, ".azuredatabricks.net", 0); // §3.1 D1

  private final String serviceTag;
  private final String endpointService;
  private final String dnsSuffix;
  private final int ipRuleLimit;

  Service(String serviceTag, String endpointService, String dnsSuffix, int ipRuleLimit) {
    this.serviceTag = serviceTag;
    this.endpointService = endpointService;
    this.dnsSuffix = dnsSuffix;
    this.ipRuleLimit = ipRuleLimit;
  }

  public String serviceTag() {
    return serviceTag;
  }

  public String endpointService() {
    return endpointService;
  }

  public String dnsSuffix() {
    return dnsSuffix;
  }

  /** Maximum number of IP rules, 0 when the service takes no count limit we know of. */
  public int ipRuleLimit() {
    return ipRuleLimit;
  }
}
