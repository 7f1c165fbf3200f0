package io.jenkins.plugins.criticalchangegate.cli;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The tool's standard output and standard error: a write the operating system refuses (ENOSPC on a full disk or
 * {@code /dev/full}, EPIPE on a closed pipe; the JVM ignores SIGPIPE, so the write fails instead of killing it)
 * becomes an {@link OutputFailedException} rather than the silent flag {@link System#out} keeps (issue 17).
 */
final class FailingOutput extends OutputStream {
    private final OutputStream target;
    private final String name;

    private FailingOutput(OutputStream target, String name) {
        this.target = target;
        this.name = name;
    }

    /** The process's standard output, UTF-8, flushed at each line. */
    static PrintStream standardOutput() {
        return new PrintStream(new FailingOutput(new FileOutputStream(FileDescriptor.out), "standard output"),
                true, StandardCharsets.UTF_8);
    }

    /** The process's standard error, UTF-8, flushed at each line. */
    static PrintStream standardError() {
        return new PrintStream(new FailingOutput(new FileOutputStream(FileDescriptor.err), "standard error"),
                true, StandardCharsets.UTF_8);
    }

    /** Any stream, for tests that give a file on a full file system. */
    static PrintStream over(OutputStream target, String name) {
        return new PrintStream(new FailingOutput(target, name), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(int b) {
        try {
            target.write(b);
        } catch (IOException e) {
            throw new OutputFailedException(name, e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) {
        try {
            target.write(b, off, len);
        } catch (IOException e) {
            throw new OutputFailedException(name, e);
        }
    }

    @Override
    public void flush() {
        try {
            target.flush();
        } catch (IOException e) {
            throw new OutputFailedException(name, e);
        }
    }

    @Override
    public void close() {
        try {
            target.close();
        } catch (IOException e) {
            throw new OutputFailedException(name, e);
        }
    }
}
