package io.allowpath.ingest.armtemplate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

/**
 * The two deterministic hash functions of the template language, reproduced bit for bit so that names
 * computed here equal the names Azure will create.
 *
 * <ul>
 *   <li>{@code uniqueString(a, b, ...)}: the arguments joined with {@code '-'}, UTF-8 encoded, hashed
 *       with the 64-bit MurmurHash variant of Azure Resource Manager (two interleaved 32-bit lanes over
 *       8-byte blocks, the MurmurHash3 x86 constants, seed 0), then the 64-bit result written as 13
 *       base-32 characters (5 bits at a time from the most significant end) over the alphabet {@code
 *       abcdefghijklmnopqrstuvwxyz234567}. Publicly reverse-engineered (e.g. the go-azure-uniquestring
 *       project) and checked against outputs of real deployments in the tests.
 *   <li>{@code guid(a, b, ...)}: a name-based version-5 UUID (RFC 4122 section 4.3, SHA-1) over the
 *       namespace {@code 11fb06fb-712d-4ddd-98c7-e71bbd588830} and the UTF-8 bytes of the arguments
 *       joined with {@code '-'}. Azure documents that guid implements RFC 4122 section 4.3
 *       (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string#guid).
 * </ul>
 */
final class ArmHashes {
  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
  private static final UUID GUID_NAMESPACE = UUID.fromString("11fb06fb-712d-4ddd-98c7-e71bbd588830");

  private ArmHashes() {}

  static String uniqueString(List<String> args) {
    long h = murmur64(String.join("-", args).getBytes(StandardCharsets.UTF_8));
    StringBuilder sb = new StringBuilder(13);
    for (int i = 0; i < 13; i++) {
      sb.append(BASE32.charAt((int) (h >>> 59)));
      h <<= 5;
    }
    return sb.toString();
  }

  static String guid(List<String> args) {
    return uuidV5(GUID_NAMESPACE, String.join("-", args)).toString();
  }

  /** RFC 4122 name-based UUID, version 5 (SHA-1), name as UTF-8. */
  static UUID uuidV5(UUID namespace, String name) {
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required by every Java platform", e);
    }
    byte[] ns = new byte[16];
    long msb = namespace.getMostSignificantBits();
    long lsb = namespace.getLeastSignificantBits();
    for (int i = 0; i < 8; i++) {
      ns[i] = (byte) (msb >>> (56 - 8 * i));
      ns[8 + i] = (byte) (lsb >>> (56 - 8 * i));
    }
    sha1.update(ns);
    byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
    hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
    hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
    long hi = 0;
    long lo = 0;
    for (int i = 0; i < 8; i++) {
      hi = (hi << 8) | (hash[i] & 0xff);
      lo = (lo << 8) | (hash[8 + i] & 0xff);
    }
    return new UUID(hi, lo);
  }

  /** Azure Resource Manager's MurmurHash64 (seed 0). */
  static long murmur64(byte[] data) {
    final int c1 = 0x239b961b;
    final int c2 = 0xab0e9789;
    final int length = data.length;
    int h1 = 0;
    int h2 = 0;
    int index = 0;
    while (index + 7 < length) {
      int k1 = le32(data, index, 4);
      int k2 = le32(data, index + 4, 4);
      k1 *= c1;
      k1 = Integer.rotateLeft(k1, 15);
      k1 *= c2;
      h1 ^= k1;
      h1 = Integer.rotateLeft(h1, 19);
      h1 += h2;
      h1 = h1 * 5 + 0x561ccd1b;
      k2 *= c2;
      k2 = Integer.rotateLeft(k2, 17);
      k2 *= c1;
      h2 ^= k2;
      h2 = Integer.rotateLeft(h2, 13);
      h2 += h1;
      h2 = h2 * 5 + 0x0bcaa747;
      index += 8;
    }
    int tail = length - index;
    if (tail > 0) {
      int k1 = le32(data, index, Math.min(tail, 4));
      k1 *= c1;
      k1 = Integer.rotateLeft(k1, 15);
      k1 *= c2;
      h1 ^= k1;
      if (tail > 4) {
        int k2 = le32(data, index + 4, tail - 4);
        k2 *= c2;
        k2 = Integer.rotateLeft(k2, 17);
        k2 *= c1;
        h2 ^= k2;
      }
    }
    h1 ^= length;
    h2 ^= length;
    h1 += h2;
    h2 += h1;
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 += h2;
    h2 += h1;
    return ((long) h2 << 32) | (h1 & 0xffffffffL);
  }

  private static int le32(byte[] d, int off, int count) {
    int v = 0;
    for (int i = 0; i < count; i++) {
      v |= (d[off + i] & 0xff) << (8 * i);
    }
    return v;
  }

  private static int fmix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
