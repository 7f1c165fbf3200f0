package io.jenkins.plugins.criticalchangegate.cli;

import io.jenkins.plugins.criticalchangegate.text.ControlCharacters;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Says what went wrong with a file in words. The {@link java.nio.file} exceptions carry only the path as their
 * message (an error printing {@code error: /abs/path/FILE} says nothing: issue 17), the reason being their type.
 */
final class IoProblem {
    private IoProblem() {
    }

    /** The path (escaped) and what is wrong with it, or the exception's own message when it has no path. */
    static String describe(IOException e) {
        if (!(e instanceof FileSystemException)) {
            String message = e.getMessage();
            return message == null ? e.getClass().getSimpleName() : ControlCharacters.escape(message);
        }
        FileSystemException f = (FileSystemException) e;
        String file = f.getFile() == null ? "" : ControlCharacters.escape(f.getFile());
        String other = f.getOtherFile() == null ? "" : " (and " + ControlCharacters.escape(f.getOtherFile()) + ")";
        String what;
        if (e instanceof NoSuchFileException) {
            what = "no such file or directory";
        } else if (e instanceof NotDirectoryException) {
            what = "not a directory";
        } else if (e instanceof AccessDeniedException) {
            what = "permission denied";
        } else if (e instanceof FileAlreadyExistsException) {
            what = "already exists, and is in the way (a file where a directory is needed?)";
        } else if (e instanceof DirectoryNotEmptyException) {
            what = "directory not empty";
        } else {
            what = f.getReason() == null ? e.getClass().getSimpleName() : ControlCharacters.escape(f.getReason());
        }
        return file.isEmpty() ? what + other : file + ": " + what + other;
    }
}
