package org.reorder.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryTest {
  @TempDir Path dir;

  @Test
  void theFlavourComesFromDjlsCacheFolderName() {
    assertEquals("cu124", NativeLibrary.flavourOf("2.5.1-20241113-cu124-linux-x86_64", true));
    assertEquals("cpu", NativeLibrary.flavourOf("2.7.1-cpu-linux-x86_64", false));
    assertEquals("cpu-precxx11", NativeLibrary.flavourOf("2.5.1-cpu-precxx11-linux-aarch64", false));
    // A folder of the user's own (PYTORCH_LIBRARY_PATH): the library's capability decides.
    assertEquals("cuda", NativeLibrary.flavourOf("lib", true));
    assertEquals("cpu", NativeLibrary.flavourOf("lib", false));
  }

  @Test
  void theBuildsCpuLibraryIsLoadedHere() {
    NativeLibrary lib = NativeLibrary.loaded();
    assertEquals("PyTorch", lib.engine());
    assertEquals(Engine.getInstance().getVersion(), lib.version());
    assertEquals(Engine.getDjlVersion(), lib.djlVersion());
    assertEquals("cpu", lib.flavour());
    assertFalse(lib.cuda());
    assertTrue(Files.isRegularFile(lib.path().resolve("libtorch.so")), lib.path().toString());
    assertTrue(lib.summary().startsWith("PyTorch " + lib.version() + " (DJL "), lib.summary());
  }

  @Test
  void listsEveryFlavourTheClasspathOffers() throws IOException {
    // The properties file of ai.djl.pytorch:pytorch-native-cu124:2.5.1:linux-x86_64, verbatim
    // but for the library list, in a jar of its own.
    Path cudaJar = dir.resolve("pytorch-native-cu124-2.5.1-linux-x86_64.jar");
    try (OutputStream file = Files.newOutputStream(cudaJar);
        JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new JarEntry(NativeLibrary.PROPERTIES));
      jar.write("version=2.5.1-20241113\nflavor=cu124\nclassifier=linux-x86_64\nlibraries=libtorch.so\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    ClassLoader base = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader withCuda = new URLClassLoader(new URL[] {cudaJar.toUri().toURL()}, base)) {
      List<NativeLibrary.Offered> offered = NativeLibrary.offered(withCuda);
      assertEquals(2, offered.size(), offered.toString());
      NativeLibrary.Offered cpu = offered.get(0);
      assertEquals("cpu", cpu.flavour());
      assertTrue(cpu.version().startsWith(Engine.getInstance().getVersion()), cpu.toString());
      assertTrue(cpu.source().contains("pytorch-native-cpu"), cpu.source());
      assertEquals(new NativeLibrary.Offered("cu124", "2.5.1-20241113", cudaJar.toUri().toURL().toString()),
          offered.get(1));
    }
  }
}
