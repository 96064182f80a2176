package org.reorder.image;

import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Makes the test fixture {@code ycck-quadrants.jpg} from {@code cmyk-quadrants.jpg}: the same
 * image, saved as YCCK (Adobe APP14 transform 2). Run once, JDK only, from the repository root:
 *
 * <pre>
 * java data-prep/src/test/java/org/reorder/image/YcckFixture.java \
 *     data-prep/src/test/resources/images/cmyk-quadrants.jpg \
 *     data-prep/src/test/resources/images/ycck-quadrants.jpg
 * </pre>
 *
 * <p>The JDK's JPEG writer does no color conversion for a Raster: it writes the samples as given
 * and only copies the APP14 marker. So this reads the raw (Adobe-inverted) CMYK samples, converts
 * them to YCCK itself, as libjpeg's {@code cmyk_ycck_convert} does (R = 255 - C, G = 255 - M,
 * B = 255 - Y through the JFIF RGB to YCbCr matrix; K unchanged), and writes them with the
 * source's metadata, APP14 transform set to 2.
 */
public final class YcckFixture {
  private YcckFixture() {}

  public static void main(String[] args) throws Exception {
    ImageReader reader = ImageIO.getImageReadersByFormatName("jpeg").next();
    Raster cmyk;
    IIOMetadata metadata;
    try (ImageInputStream in = ImageIO.createImageInputStream(new File(args[0]))) {
      reader.setInput(in);
      cmyk = reader.readRaster(0, null); // raw samples, no color conversion
      metadata = reader.getImageMetadata(0);
    }
    WritableRaster ycck = cmyk.createCompatibleWritableRaster();
    int[] px = new int[4];
    for (int y = 0; y < cmyk.getHeight(); y++) {
      for (int x = 0; x < cmyk.getWidth(); x++) {
        cmyk.getPixel(x, y, px);
        double r = 255 - px[0];
        double g = 255 - px[1];
        double b = 255 - px[2];
        px[0] = clamp(0.299 * r + 0.587 * g + 0.114 * b);
        px[1] = clamp(-0.168736 * r - 0.331264 * g + 0.5 * b + 128);
        px[2] = clamp(0.5 * r - 0.418688 * g - 0.081312 * b + 128);
        ycck.setPixel(x, y, px); // px[3] (K) unchanged
      }
    }
    String format = "javax_imageio_jpeg_image_1.0";
    IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
    ((IIOMetadataNode) root.getElementsByTagName("app14Adobe").item(0))
        .setAttribute("transform", "2");
    metadata.setFromTree(format, root);

    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam param = writer.getDefaultWriteParam();
    param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    param.setCompressionQuality(0.95f);
    Files.deleteIfExists(Path.of(args[1]));
    try (ImageOutputStream out = ImageIO.createImageOutputStream(new File(args[1]))) {
      writer.setOutput(out);
      writer.write(null, new IIOImage(ycck, null, metadata), param);
    }
    writer.dispose();
    reader.dispose();
  }

  private static int clamp(double v) {
    return (int) Math.max(0, Math.min(255, Math.round(v)));
  }
}
