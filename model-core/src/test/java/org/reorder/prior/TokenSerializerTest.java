package org.reorder.prior;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TokenSerializerTest {

  @Test
  void widthIsTheBytesNeededForTheLargestSymbol() {
    assertEquals(1, TokenSerializer.symbolWidth(1));
    assertEquals(1, TokenSerializer.symbolWidth(256));
    assertEquals(2, TokenSerializer.symbolWidth(257));
    assertEquals(2, TokenSerializer.symbolWidth(65_536));
    assertEquals(3, TokenSerializer.symbolWidth(65_537));
    assertEquals(8, TokenSerializer.symbolWidth(Long.MAX_VALUE));
    assertThrows(IllegalArgumentException.class, () -> TokenSerializer.symbolWidth(0));
  }

  @Test
  void unigramWritesOneBigEndianSymbolPerCode() {
    assertArrayEquals(new byte[] {3, 0, (byte) 255}, TokenSerializer.unigram(new int[] {3, 0, 255}, 256));
    // K = 1000 needs 2 bytes: 999 = 0x03E7, 256 = 0x0100.
    assertArrayEquals(new byte[] {0x03, (byte) 0xE7, 0x01, 0x00, 0x00, 0x05},
        TokenSerializer.unigram(new int[] {999, 256, 5}, 1000));
  }

  @Test
  void bigramWritesOneSymbolPerAdjacentPair() {
    // K = 10: pairs (3,7) (7,0) (0,9) -> 37, 70, 9; K*K = 100 fits one byte.
    assertArrayEquals(new byte[] {37, 70, 9}, TokenSerializer.bigram(new int[] {3, 7, 0, 9}, 10));
    // K = 16: K*K = 256 still fits one byte; (15,15) -> 255.
    assertArrayEquals(new byte[] {(byte) 255, (byte) 240},
        TokenSerializer.bigram(new int[] {15, 15, 0}, 16));
    // K = 17: K*K = 289 needs 2 bytes; (16,16) -> 288 = 0x0120, (16,0) -> 272 = 0x0110.
    assertArrayEquals(new byte[] {0x01, 0x20, 0x01, 0x10},
        TokenSerializer.bigram(new int[] {16, 16, 0}, 17));
    // K = 1024: K*K = 2^20 needs 3 bytes; (1023,1) -> 1047553 = 0x0FFC01.
    assertArrayEquals(new byte[] {0x0F, (byte) 0xFC, 0x01},
        TokenSerializer.bigram(new int[] {1023, 1}, 1024));
  }

  @Test
  void rejectsCodesOutsideTheCodebookNamingTheSlot() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TokenSerializer.unigram(new int[] {1, 2, 8}, 8));
    assertTrue(e.getMessage().contains("slot 2"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TokenSerializer.bigram(new int[] {-1, 2}, 8));
    assertTrue(e.getMessage().contains("slot 0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> TokenSerializer.bigram(new int[] {1}, 8));
    assertTrue(e.getMessage().contains("at least 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TokenSerializer.unigram(new int[0], 8));
    assertThrows(IllegalArgumentException.class, () -> TokenSerializer.unigram(new int[] {0}, 0));
  }
}
