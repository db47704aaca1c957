package io.allowpath.session;

import io.allowpath.ingest.routes.EffectiveRoutesReader;
import io.allowpath.model.EffectiveRoutes;
import io.allowpath.model.Estate;
import io.allowpath.model.NetworkInterface;
import io.allowpath.model.NicIpConfig;
import io.allowpath.model.ResourceId;
import io.allowpath.model.Subnet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code --effective-routes [WHERE=]FILE}: the output of {@code az network nic show-effective-route-table} for a NIC,
 * attached to the subnet it describes (AZURE-EGRESS.md §8.6). {@code WHERE} is a subnet (ARM id, {@code vnet/subnet}
 * or a name no other subnet has) or a NIC of the estate (id or name: its subnet); without it, the file's name
 * without {@code .json} is tried as a NIC name, then as a subnet name. A name that matches nothing, or several, is a
 * usage error saying what was tried.
 */
public final class EffectiveRoutesInput {
  private EffectiveRoutesInput() {}

  /** {@code estate} with the effective routes of every spec attached to their subnets. */
  public static Estate attach(Estate estate, List<String> specs) {
    if (specs.isEmpty()) {
      return estate;
    }
    Map<ResourceId, Object> added = new LinkedHashMap<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      String where = eq < 0 ? null : spec.substring(0, eq).strip();
      Path file = Path.of(eq < 0 ? spec : spec.substring(eq + 1));
      String name = file.getFileName() == null ? spec : file.getFileName().toString();
      String guess = name.toLowerCase(Locale.ROOT).endsWith(".json") ? name.substring(0, name.length() - 5) : name;
      ResourceId subnet = where != null ? subnetOf(estate, where, true) : subnetOf(estate, guess, false);
      if (subnet == null) {
        throw new SelectionException("--effective-routes " + spec + ": no NIC or subnet named '" + guess + "' in the "
            + "estate; say which subnet the routes are for: --effective-routes <subnet-or-nic>=" + file);
      }
      ResourceId id = EffectiveRoutes.idFor(subnet);
      if (added.containsKey(id)) {
        throw new SelectionException("--effective-routes " + spec + ": subnet " + subnet.name() + " already has "
            + "effective routes from " + ((EffectiveRoutes) added.get(id)).file());
      }
      added.put(id, new EffectiveRoutes(id, subnet, file.toString(), EffectiveRoutesReader.read(file)));
    }
    return estate.with(added);
  }

  /** The subnet {@code where} names (subnet or NIC); null when nothing matches and {@code strict} is false. */
  static ResourceId subnetOf(Estate estate, String where, boolean strict) {
    Set<ResourceId> found = new LinkedHashSet<>();
    String w = where.toLowerCase(Locale.ROOT);
    for (Subnet s : estate.all(Subnet.class)) {
      String vnetAndName = s.id().parent() == null ? "" : s.id().parent().name() + "/" + s.id().name();
      if (s.id().key().equals(w) || vnetAndName.equalsIgnoreCase(where) || (!where.startsWith("/")
          && s.id().name().equalsIgnoreCase(where))) {
        found.add(s.id());
      }
    }
    if (found.isEmpty()) {
      for (NetworkInterface nic : estate.all(NetworkInterface.class)) {
        if (nic.id().key().equals(w) || nic.id().name().equalsIgnoreCase(where)) {
          for (NicIpConfig c : nic.ipConfigurations()) {
            if (c.subnet() != null) {
              found.add(c.subnet());
              break;
            }
          }
        }
      }
    }
    if (found.size() > 1) {
      List<String> names = new ArrayList<>();
      found.forEach(id -> names.add(id.value()));
      throw new SelectionException("--effective-routes: '" + where + "' names " + found.size() + " subnets ("
          + String.join(", ", names) + "); give the subnet's id or vnet/subnet");
    }
    if (found.isEmpty() && strict) {
      throw new SelectionException("--effective-routes: no subnet or NIC '" + where + "' in the estate (give a subnet "
          + "id, vnet/subnet, a subnet name, or a NIC name or id)");
    }
    return found.isEmpty() ? null : found.iterator().next();
  }
}
