package io.allowpath.analysis.access;

import static io.allowpath.analysis.access.AccessCases.NAT_IP;
import static io.allowpath.analysis.access.AccessCases.SPOKE;
import static io.allowpath.analysis.access.AccessCases.on;
import static io.allowpath.analysis.access.Outcome.ALLOW;
import static io.allowpath.analysis.access.Outcome.DENY;
import static io.allowpath.analysis.access.Reason.ADMITTED_BY_IP_RULE;
import static io.allowpath.analysis.access.Reason.STORAGE_SAME_REGION;
import static io.allowpath.analysis.access.Via.PUBLIC_IP;
import static io.allowpath.testing.EstateJson.fwId;
import static io.allowpath.testing.EstateJson.rtId;
import static io.allowpath.testing.EstateJson.subnetId;
import static io.allowpath.testing.EstateJson.vnetId;
import static io.allowpath.testing.TargetJson.applicationRule;
import static io.allowpath.testing.TargetJson.classicCollection;
import static io.allowpath.testing.TargetJson.denyExcept;
import static io.allowpath.testing.TargetJson.of;
import static io.allowpath.testing.TargetJson.storage;
import static io.allowpath.testing.TargetJson.storageId;

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
 * The region a compute's traffic leaves from decides Storage's same-region rule (AZURE-EGRESS.md §4.0 T1: IP
 * network rules have no effect on requests from the storage account's own region): through an Azure Firewall it
 * is the firewall's region, not the compute subnet's (the firewall's public IP is the source Storage sees).
 * A spoke in westeurope whose default route goes to a hub firewall in eastus (global peering).
 */
class EgressRegionTest {
  @TempDir Path dir;

  static final String FW_IP = "20.20.0.1";
  static final String HUB = "vnet-hub";

  static EstateJson spokeToHubFirewall() {
    EstateJson e = AccessCases.bare();
    e.vnet(SPOKE).location("westeurope");
    e.vnet(HUB).location("eastus").addressPrefix("10.0.0.0/16").subnet("AzureFirewallSubnet").addressPrefix("10.0.0.0/26");
    e.firewall("fw", "10.0.0.4", subnetId(HUB, "AzureFirewallSubnet"), e.publicIp("pip-fw", FW_IP));
    e.vnet(SPOKE).peering("spoke-to-hub", vnetId(HUB), false);
    e.vnet(HUB).peering("hub-to-spoke", vnetId(SPOKE), false);
    e.routeTable("rt").route("default", "0.0.0.0/0", "VirtualAppliance", "10.0.0.4");
    e.vnet(SPOKE).subnet(AccessCases.SNET).routeTable(rtId("rt"));
    return e;
  }

  static void storageBehindFirewall(EstateJson e, String name, String region) {
    denyExcept(storage(e, name, region), FW_IP);
    classicCollection(e, fwId("fw"), "applicationRuleCollections", "app-allow", 300, "Allow",
        applicationRule("storage", of("10.1.1.0/24"), name + ".blob.core.windows.net"));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        on("storage in the firewall's region (eastus), the compute's subnet in westeurope: the firewall's traffic is "
            + "same-region, IP rules do not apply → DENY STORAGE_SAME_REGION", spokeToHubFirewall(),
            e -> storageBehindFirewall(e, "steast", "eastus"), AccessCases.CLUSTER, storageId("steast"), false, DENY, PUBLIC_IP,
            List.of(FW_IP), List.of(STORAGE_SAME_REGION)),
        on("storage in the compute subnet's region (westeurope), the firewall in eastus: traffic leaves from eastus, "
            + "the IP rule for the firewall's address applies → ALLOW", spokeToHubFirewall(),
            e -> storageBehindFirewall(e, "stweu", "westeurope"), AccessCases.CLUSTER, storageId("stweu"), false, ALLOW, PUBLIC_IP,
            List.of(FW_IP), List.of(ADMITTED_BY_IP_RULE)),
        on("without a firewall the subnet's region decides: storage in westeurope with the NAT IP → DENY "
            + "STORAGE_SAME_REGION", natInWestEurope(),
            e -> denyExcept(storage(e, "stweu", "westeurope"), NAT_IP), AccessCases.CLUSTER, storageId("stweu"), false, DENY, PUBLIC_IP,
            List.of(NAT_IP), List.of(STORAGE_SAME_REGION)));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void egressRegion(Case k) {
    AccessCases.verify(k, dir);
  }

  static EstateJson natInWestEurope() {
    EstateJson e = AccessCases.nat();
    e.vnet(SPOKE).location("westeurope");
    return e;
  }
}
