package org.reorder.notebooks;

/** A note's paragraph did not compile, threw, or was incomplete. */
final class ParagraphFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient ZeppelinNote.Paragraph paragraph;

  ParagraphFailedException(
      ZeppelinNote note, ZeppelinNote.Paragraph paragraph, String what, String output) {
    super(
        "note '"
            + note.name()
            + "' ("
            + note.file().getFileName()
            + "), "
            + paragraph.label()
            + ": "
            + what
            + "\n--- interpreter output ---\n"
            + output);
    this.paragraph = paragraph;
  }

  /** The paragraph that failed. */
  ZeppelinNote.Paragraph paragraph() {
    return paragraph;
  }
}
