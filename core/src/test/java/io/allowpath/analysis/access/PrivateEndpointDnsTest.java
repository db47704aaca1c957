package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.AccessCases.SNET_ID;
import static io.allowpath.analysis.access.AccessCases.SPOKE;
import static io.allowpath.analysis.access.AccessCases.c;
import static io.allowpath.analysis.access.AccessCases.hop;
import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Outcome.UNKNOWN;
import static io.allowpath.analysis.access.Reason.PRIVATE_DNS_CUSTOM_SERVERS;
import static io.allowpath.analysis.access.Reason.PRIVATE_DNS_RECORDS_UNKNOWN;
import static io.allowpath.analysis.access.Reason.PRIVATE_DNS_RECORD_MISSING;
import static io.allowpath.analysis.access.Reason.PUBLIC_ACCESS_DISABLED;
import static io.allowpath.analysis.access.Reason.VIA_PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.PRIVATE_ENDPOINT;
import static io.allowpath.analysis.access.Via.PUBLIC_IP;
import static io.allowpath.testing.EstateJson.dbwId;
import static io.allowpath.testing.EstateJson.mlwId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.EstateJson.vnetId;
import static io.allowpath.testing.TargetJson.aRecord;
import static io.allowpath.testing.TargetJson.add;
import static io.allowpath.testing.TargetJson.arr;
import static io.allowpath.testing.TargetJson.denyExcept;
import static io.allowpath.testing.TargetJson.dnsLink;
import static io.allowpath.testing.TargetJson.dnsZone;
import static io.allowpath.testing.TargetJson.obj;
import static io.allowpath.testing.TargetJson.peId;
import static io.allowpath.testing.TargetJson.privateEndpoint;
import static io.allowpath.testing.TargetJson.put;
import static io.allowpath.testing.TargetJson.storage;
import static io.allowpath.testing.TargetJson.storageId;
import static io.allowpath.testing.TargetJson.zoneId;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.allowpath.analysis.egress.HopKind;
import io.allowpath.analysis.access.AccessCases.Case;
import io.allowpath.testing.EstateJson;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Private endpoint name resolution as Azure does it (AZURE-EGRESS.md §8.1): the records come from the
 * endpoint's {@code customDnsConfigs} / DNS zone group, or the service's naming rule (AML
 * {@code properties.workspaceId}, Databricks {@code properties.workspaceUrl}, others the resource name). The
 * AML names and addresses are the example of https://learn.microsoft.com/azure/machine-learning/how-to-custom-dns
 * (workspace GUID fb7e20a0-8891-458b-b969-55ddb3382f51 in eastus); the zone group shape is the Microsoft.Network
 * PrivateDnsZoneConfig / RecordSet type; the Databricks URL shape is from
 * https://learn.microsoft.com/azure/databricks/workspace/workspace-details.
 */
class PrivateEndpointDnsTest {
  @TempDir Path dir;

  static final String GUID = "fb7e20a0-8891-458b-b969-55ddb3382f51";
  static final String API = "privatelink.api.azureml.ms";
  static final String NB = "privatelink.notebooks.azure.net";
  static final String DBZ = "privatelink.azuredatabricks.net";
  static final String PE_SNET = subnetId(SPOKE, "snet-pe");
  static final String MLW = mlwId("mlw");
  static final String DBW = dbwId("dbw");
  static final String BLOB = "privatelink.blob.core.windows.net";

  /** Workspace mlw (the cluster's own) locked down: public access disabled, workspaceId as Azure returns it. */
  static ObjectNode lockedWorkspace(EstateJson e, boolean withId) {
    e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
    ObjectNode ws = e.mlWorkspace("mlw").node;
    put(ws, "properties.publicNetworkAccess", "Disabled");
    if (withId) {
      put(ws, "properties.workspaceId", GUID);
    }
    return privateEndpoint(e, "pe-mlw", PE_SNET, MLW, "amlworkspace", "Approved");
  }

  /** The endpoint's customDnsConfigs as `az network private-endpoint show` returns them (how-to-custom-dns). */
  static void amlCustomDnsConfigs(ObjectNode pe) {
    add(pe, "properties.customDnsConfigs", obj("fqdn", GUID + ".workspace.eastus.api.azureml.ms", "ipAddresses", arr("10.1.2.5")));
    add(pe, "properties.customDnsConfigs", obj("fqdn", GUID + ".workspace.eastus.cert.api.azureml.ms", "ipAddresses", arr("10.1.2.5")));
    add(pe, "properties.customDnsConfigs", obj("fqdn", "ml-mlw-eastus-" + GUID + ".eastus.notebooks.azure.net",
        "ipAddresses", arr("10.1.2.6")));
    add(pe, "properties.customDnsConfigs", obj("fqdn", "*.eastus.inference.ml.azure.com", "ipAddresses", arr("10.1.2.7")));
  }

  /** Both AML zones linked to the spoke. */
  static void amlZones(EstateJson e) {
    dnsZone(e, API);
    dnsLink(e, API, "link-spoke", vnetId(SPOKE));
    dnsZone(e, NB);
    dnsLink(e, NB, "link-spoke", vnetId(SPOKE));
  }

  /** The A records Azure creates for the workspace endpoint. */
  static void amlRecords(EstateJson e) {
    aRecord(e, API, GUID + ".workspace.eastus", "10.1.2.5");
    aRecord(e, API, GUID + ".workspace.eastus.cert", "10.1.2.5");
    aRecord(e, NB, "ml-mlw-eastus-" + GUID + ".eastus", "10.1.2.6");
  }

  static ObjectNode lockedDatabricks(EstateJson e) {
    e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
    ObjectNode w = e.databricks("dbw").node;
    put(w, "properties.publicNetworkAccess", "Disabled");
    put(w, "properties.workspaceUrl", "adb-1234567890123456.7.azuredatabricks.net");
    dnsZone(e, DBZ);
    dnsLink(e, DBZ, "link-spoke", vnetId(SPOKE));
    return privateEndpoint(e, "pe-dbw", PE_SNET, DBW, "databricks_ui_api", "Approved");
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        c("AML: customDnsConfigs FQDNs name <guid>.workspace.<region>; the linked zone holds it → ALLOW via PRIVATE_ENDPOINT", e -> {
          amlCustomDnsConfigs(lockedWorkspace(e, false));
          amlZones(e);
          amlRecords(e);
        }, MLW, ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-mlw"), GUID + ".workspace.eastus")),
        c("AML: zones linked but records named after the workspace, not its GUID → DENY naming the missing record", e -> {
          amlCustomDnsConfigs(lockedWorkspace(e, true));
          amlZones(e);
          aRecord(e, API, "mlw", "10.1.2.5");
        }, MLW, DENY, PUBLIC_IP, List.of(NAT_IP), List.of(PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_RECORD_MISSING),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-mlw"), "no A record " + GUID + ".workspace.eastus")),
        c("AML without DNS configs: records derived from properties.workspaceId → ALLOW via PRIVATE_ENDPOINT", e -> {
          lockedWorkspace(e, true);
          amlZones(e);
          amlRecords(e);
        }, MLW, ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-mlw"), "naming rule")),
        c("AML: a notebooks record with the workspace name truncated still matches", e -> {
          lockedWorkspace(e, true);
          amlZones(e);
          aRecord(e, API, GUID + ".workspace.eastus", "10.1.2.5");
          aRecord(e, API, GUID + ".workspace.eastus.cert", "10.1.2.5");
          aRecord(e, NB, "ml-ml-eastus-" + GUID + ".eastus", "10.1.2.6");
        }, MLW, ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT),
            v -> org.assertj.core.api.Assertions.assertThat(v.hops()).noneMatch(h -> h.detail().contains("also"))),
        c("AML: the notebooks record is missing: the API still resolves privately and the hop says what is missing", e -> {
          lockedWorkspace(e, true);
          amlZones(e);
          aRecord(e, API, GUID + ".workspace.eastus", "10.1.2.5");
          aRecord(e, API, GUID + ".workspace.eastus.cert", "10.1.2.5");
          aRecord(e, NB, "ml-other-eastus-00000000-0000-0000-0000-000000000000.eastus", "10.1.2.9");
        }, MLW, ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-mlw"), "also zone " + NB)),
        c("AML with neither DNS configs nor workspaceId: which record is needed is unknown → UNKNOWN, not DENY", e -> {
          lockedWorkspace(e, false);
          amlZones(e);
          amlRecords(e);
        }, MLW, UNKNOWN, PUBLIC_IP, List.of(NAT_IP), List.of(PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_RECORDS_UNKNOWN),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-mlw"), "properties.workspaceId")),
        c("AML: the zone says it holds only its SOA record (numberOfRecordSets 1) → record missing → DENY", e -> {
          lockedWorkspace(e, true);
          amlZones(e);
          put(dnsZone(e, API), "properties.numberOfRecordSets", 1);
        }, MLW, DENY, PUBLIC_IP, List.of(NAT_IP), List.of(PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_RECORD_MISSING)),
        c("AML: a DNS zone group (child resource) registers the records; the zone's records were not exported → ALLOW", e -> {
          lockedWorkspace(e, false);
          amlZones(e);
          put(dnsZone(e, API), "properties.numberOfRecordSets", 4);
          ObjectNode g = e.resource(peId("pe-mlw") + "/privateDnsZoneGroups/default",
              "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", null);
          add(g, "properties.privateDnsZoneConfigs", obj("name", "privatelink-api-azureml-ms", "properties", obj(
              "privateDnsZoneId", zoneId(API), "recordSets", arr(
                  obj("recordType", "A", "recordSetName", GUID + ".workspace.eastus", "fqdn",
                      GUID + ".workspace.eastus.privatelink.api.azureml.ms", "ttl", 10, "ipAddresses", arr("10.1.2.5"))))));
        }, MLW, ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT)),
        c("AML: custom DNS servers on the compute VNet → UNKNOWN with PRIVATE_DNS_CUSTOM_SERVERS", e -> {
          lockedWorkspace(e, true);
          amlZones(e);
          amlRecords(e);
          put(e.resource(vnetId(SPOKE), "Microsoft.Network/virtualNetworks", "eastus"), "properties.dhcpOptions.dnsServers",
              arr("10.0.0.4", "10.0.0.5"));
        }, MLW, UNKNOWN, PUBLIC_IP, List.of(NAT_IP), List.of(PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_CUSTOM_SERVERS),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-mlw"), "10.0.0.4, 10.0.0.5")),
        c("AML: a DNS server list naming only Azure DNS 168.63.129.16 resolves through the linked zones → ALLOW", e -> {
          lockedWorkspace(e, true);
          amlZones(e);
          amlRecords(e);
          put(e.resource(vnetId(SPOKE), "Microsoft.Network/virtualNetworks", "eastus"), "properties.dhcpOptions.dnsServers",
              arr("168.63.129.16"));
        }, MLW, ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT)),
        c("Databricks: record adb-<workspaceId>.<n> from properties.workspaceUrl → ALLOW via PRIVATE_ENDPOINT", e -> {
          lockedDatabricks(e);
          aRecord(e, DBZ, "adb-1234567890123456.7", "10.1.2.8");
        }, DBW, ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-dbw"), "adb-1234567890123456.7")),
        c("Databricks: a record named after the workspace resource does not resolve its URL → DENY", e -> {
          lockedDatabricks(e);
          aRecord(e, DBZ, "dbw", "10.1.2.8");
        }, DBW, DENY, PUBLIC_IP, List.of(NAT_IP), List.of(PUBLIC_ACCESS_DISABLED, PRIVATE_DNS_RECORD_MISSING),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-dbw"), "adb-1234567890123456.7.privatelink.azuredatabricks.net")),
        c("storage: customDnsConfigs FQDN <account>.blob.core.windows.net names record <account> in the blob zone", e -> {
          e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
          put(denyExcept(storage(e, "stpriv", "eastus")), "properties.publicNetworkAccess", "Disabled");
          ObjectNode pe = privateEndpoint(e, "pe-st", PE_SNET, storageId("stpriv"), "blob", "Approved");
          add(pe, "properties.customDnsConfigs", obj("fqdn", "stpriv.blob.core.windows.net", "ipAddresses", arr("10.1.2.10")));
          dnsZone(e, BLOB);
          dnsLink(e, BLOB, "link-spoke", vnetId(SPOKE));
          aRecord(e, BLOB, "stpriv", "10.1.2.10");
        }, storageId("stpriv"), ALLOW, PRIVATE_ENDPOINT, List.of(SNET_ID), List.of(VIA_PRIVATE_ENDPOINT),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-st"), "record stpriv in private dns zone " + BLOB)),
        c("storage: a dfs endpoint needs its record in the dfs zone, not the blob zone", e -> {
          e.vnet(SPOKE).subnet("snet-pe").addressPrefix("10.1.2.0/24");
          put(denyExcept(storage(e, "stpriv", "eastus")), "properties.publicNetworkAccess", "Disabled");
          privateEndpoint(e, "pe-st", PE_SNET, storageId("stpriv"), "dfs", "Approved");
          dnsZone(e, BLOB);
          dnsLink(e, BLOB, "link-spoke", vnetId(SPOKE));
          aRecord(e, BLOB, "stpriv", "10.1.2.10");
        }, storageId("stpriv"), DENY, PUBLIC_IP, List.of(NAT_IP),
            List.of(PUBLIC_ACCESS_DISABLED, Reason.PRIVATE_ENDPOINT_DNS_NOT_LINKED),
            hop(HopKind.PRIVATE_ENDPOINT, peId("pe-st"), "no privatelink.dfs.core.windows.net zone is linked")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void resolvesAsAzure(Case k) {
    AccessCases.verify(k, dir);
  }
}
