package org.reorder.prior;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.reorder.prior.LzmaSettings.Format;
import org.tukaani.xz.LZMA2Options;

class LzmaSettingsTest {

  @Test
  void defaultsArePreset6RawLzma2With8MiBDictionary() {
    LzmaSettings d = LzmaSettings.defaults();
    assertEquals(Format.LZMA2_RAW, d.format());
    assertEquals(6, d.preset());
    assertFalse(d.extreme());
    assertEquals(8 << 20, d.dictSize());
  }

  @Test
  void presetDictSizesFollowXz() {
    // xz's table: 256 KiB, 1, 2, 4, 4, 8, 8, 16, 32, 64 MiB.
    int[] expected = {256 << 10, 1 << 20, 2 << 20, 4 << 20, 4 << 20, 8 << 20, 8 << 20, 16 << 20,
        32 << 20, 64 << 20};
    for (int preset = 0; preset <= 9; preset++) {
      assertEquals(expected[preset], LzmaSettings.presetDictSize(preset), "preset " + preset);
    }
  }

  @Test
  void rejectsOutOfRangeValuesNamingTheField() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LzmaSettings.ofPreset(10));
    assertTrue(e.getMessage().contains("preset"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> new LzmaSettings(Format.LZMA2_RAW, -1, false, 1 << 20));
    assertTrue(e.getMessage().contains("preset"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> LzmaSettings.defaults().withDictSize(100));
    assertTrue(e.getMessage().contains("dictSize"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new LzmaSettings(null, 6, false, 4096));
    assertTrue(e.getMessage().contains("format"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Format.fromName("lzma"));
    assertTrue(e.getMessage().contains("lzma2-raw, xz"), e.getMessage());
  }

  @Test
  void describeIsAnOrderedJsonFriendlyRecord() {
    Map<String, Object> d = LzmaSettings.defaults().withExtreme(true).describe();
    assertEquals(List.of("library", "format", "preset", "extreme", "dictSize"),
        List.copyOf(d.keySet()));
    assertTrue(((String) d.get("library")).matches("org\\.tukaani:xz \\d+\\.\\d+.*"),
        d.get("library").toString());
    assertEquals("lzma2-raw", d.get("format"));
    assertEquals(6, d.get("preset"));
    assertEquals(true, d.get("extreme"));
    assertEquals(8 << 20, d.get("dictSize"));
    assertEquals("xz", LzmaSettings.defaults().withFormat(Format.XZ).describe().get("format"));
  }

  @Test
  void extremeFollowsLiblzmaPresetTable() {
    LZMA2Options e6 = LzmaSettings.ofPreset(6).withExtreme(true).toOptions();
    assertEquals(LZMA2Options.MODE_NORMAL, e6.getMode());
    assertEquals(273, e6.getNiceLen());
    assertEquals(512, e6.getDepthLimit());
    LZMA2Options e5 = LzmaSettings.ofPreset(5).withExtreme(true).toOptions();
    assertEquals(192, e5.getNiceLen());
    assertEquals(0, e5.getDepthLimit());
    LZMA2Options e1 = LzmaSettings.ofPreset(1).withExtreme(true).toOptions();
    assertEquals(LZMA2Options.MODE_NORMAL, e1.getMode());
    assertEquals(LZMA2Options.MF_BT4, e1.getMatchFinder());
    assertEquals(64, LzmaSettings.ofPreset(6).toOptions().getNiceLen());
  }

  @Test
  void xzCommandMatchesTheSettings() {
    assertEquals(
        List.of("xz", "--format=raw", "--lzma2=preset=6,dict=8388608", "--threads=1", "--stdout"),
        LzmaSettings.defaults().xzCommand());
    assertEquals(
        List.of("xz", "--format=xz", "--check=crc64", "--lzma2=preset=9e,dict=4096",
            "--threads=1", "--stdout"),
        new LzmaSettings(Format.XZ, 9, true, 4096).xzCommand());
  }
}
