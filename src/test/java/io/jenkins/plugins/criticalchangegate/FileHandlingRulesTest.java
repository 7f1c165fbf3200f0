package io.jenkins.plugins.criticalchangegate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static io.jenkins.plugins.criticalchangegate.ArchitectureTest.ADAPTERS;
import static io.jenkins.plugins.criticalchangegate.ArchitectureTest.ROOT;
import static io.jenkins.plugins.criticalchangegate.ArchitectureTest.outermost;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * How the plugin reads and writes files, stated as rules (the architecture test's, kept apart so each stays short):
 * each rule is the kind of a defect that a reading of the JDK's and Jenkins' sources found once, so that the next
 * instance fails the build instead of waiting for a reading.
 */
public class FileHandlingRulesTest {
    private static JavaClasses mainClasses;

    @BeforeClass
    public static void importClasses() {
        mainClasses = ArchitectureTest.mainClasses();
    }

    /**
     * Only {@code files.Directories} lists directories. A directory stream's iterator, and the streams of
     * {@code Files.list}, {@code walk} and {@code find}, report a read error met on the way as an unchecked exception
     * ({@code DirectoryIteratorException}, {@code UncheckedIOException}) that code written to handle an
     * {@code IOException} lets through: found in the audit page's staging by a review against the JDK's sources
     * (2026-12-08), and then in five more places.
     */
    public static final ArchRule ONLY_DIRECTORIES_LISTS_DIRECTORIES = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".files..")
            .should().accessTargetWhere(target("Files.newDirectoryStream, list, walk or find",
                    java.nio.file.Files.class, "newDirectoryStream", "list", "walk", "find"))
            .as("only files.Directories lists directories (its listings fail as IOException, wherever they fail)");

    /**
     * Free disk space is asked as Jenkins' disk space monitor asks it ({@code File.getUsableSpace}): a
     * {@code FileStore} needs the mount table, which containers and sandboxes may lack, and then fails every call
     * (the audit page's staging, second review against the JDK's sources, 2026-12-08; the tool's key files asked it
     * whether POSIX permissions apply, which the file system says as well).
     */
    public static final ArchRule NO_FILE_STORES = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .should().accessTargetWhere(target("Files.getFileStore", java.nio.file.Files.class, "getFileStore"))
            .orShould().accessTargetWhere(target("FileSystem.getFileStores", java.nio.file.FileSystem.class,
                    "getFileStores"))
            .orShould().accessTargetWhere(target("FileSystemProvider.getFileStore",
                    java.nio.file.spi.FileSystemProvider.class, "getFileStore"))
            .as("no class asks Files.getFileStore (it needs the mount table): free space comes from"
                    + " File.getUsableSpace, POSIX permissions from the file system's attribute views");

    /**
     * In Jenkins (a process that runs for months) text goes to a file only through {@code Staging.openWriter}: on
     * Java 17 the JDK's writers ({@code Files.newBufferedWriter}, an {@code OutputStreamWriter}) do not close their
     * file when their last write fails, so a full disk left the report's file open, its blocks held (the audit page's
     * staging, third check against the JDK's sources, 2026-12-08).
     */
    public static final ArchRule ADAPTERS_WRITE_TEXT_FILES_THROUGH_STAGING = noClasses()
            .that().resideInAPackage(ADAPTERS)
            .and(DescribedPredicate.describe("are not Staging", (JavaClass c) ->
                    !outermost(c).getName().equals(ROOT + ".jenkins.auditpage.Staging")))
            .should().accessTargetWhere(target("Files.newBufferedWriter", java.nio.file.Files.class,
                    "newBufferedWriter"))
            .orShould().accessTargetWhere(target("new OutputStreamWriter", java.io.OutputStreamWriter.class,
                    "<init>"))
            .as("the Jenkins adapters write text files through Staging.openWriter, which closes the file whatever"
                    + " fails");

    /** Calls of, and references to ({@code Files::list}), the named methods of a class. */
    private static DescribedPredicate<JavaAccess<?>> target(String description, Class<?> owner, String... names) {
        java.util.Set<String> named = java.util.Set.of(names);
        return DescribedPredicate.describe(description, (JavaAccess<?> access) ->
                access.getTargetOwner().isEquivalentTo(owner) && named.contains(access.getName()));
    }

    @Test
    public void onlyDirectoriesListsDirectories() {
        ONLY_DIRECTORIES_LISTS_DIRECTORIES.check(mainClasses);
    }

    @Test
    public void adaptersWriteTextFilesThroughStaging() {
        ADAPTERS_WRITE_TEXT_FILES_THROUGH_STAGING.check(mainClasses);
    }

    @Test
    public void noFileStores() {
        NO_FILE_STORES.check(mainClasses);
    }
}
