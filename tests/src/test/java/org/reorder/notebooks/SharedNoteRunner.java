package org.reorder.notebooks;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods a {@link NoteRunner} parameter, one for all test classes of a run: starting
 * the Scala compiler costs seconds, so it is started once, kept in JUnit's root store and closed
 * when the test plan ends. Use with {@code @ExtendWith(SharedNoteRunner.class)}.
 */
final class SharedNoteRunner implements ParameterResolver {

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == NoteRunner.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(Resource.class, k -> new Resource(), Resource.class)
        .runner;
  }

  private static final class Resource implements ExtensionContext.Store.CloseableResource {
    private final NoteRunner runner = new NoteRunner();

    @Override
    public void close() {
      runner.close();
    }
  }
}
