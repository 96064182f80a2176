package org.reorder.prep;

import java.io.Serializable;

/** One input that did not become a patch row, and why (a reason code and a human detail). */
public record QuarantineRecord(
    String sourcePath, String imageId, String split, String reason, String detail)
    implements Serializable {}
