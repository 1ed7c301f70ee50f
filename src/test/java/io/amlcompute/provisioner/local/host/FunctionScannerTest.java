package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.amlcompute.provisioner.local.host.testapp.Greetings;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionScannerTest {

    private static final String TEST_APP = "io.amlcompute.provisioner.local.host.testapp";

    @Test
    void listsThePackagesClassesFromAClassesDirectory() {
        assertThat(FunctionScanner.classNames(TEST_APP, getClass().getClassLoader()))
                .contains(Greetings.class.getName(), TEST_APP + ".Shouting")
                .allMatch(name -> name.startsWith(TEST_APP + "."));
    }

    @Test
    void listsThePackagesClassesFromAJarButNotThoseOfSubpackages(@TempDir Path dir) throws Exception {
        Path classes = Path.of(Greetings.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.walk(classes.resolve(TEST_APP.replace('.', '/')))) {
            out.putNextEntry(new JarEntry(TEST_APP.replace('.', '/') + "/"));
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                Files.copy(file, (OutputStream) out);
            }
            out.putNextEntry(new JarEntry(TEST_APP.replace('.', '/') + "/nested/Ignored.class"));
            out.write(new byte[]{0});
        }

        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            assertThat(FunctionScanner.classNames(TEST_APP, loader))
                    .contains(Greetings.class.getName(), TEST_APP + ".Shouting")
                    .noneMatch(name -> name.contains("nested"));
        }
    }

    @Test
    void findsOnlyFunctionMethodsOrderedByName() {
        assertThat(FunctionScanner.functionMethods(TEST_APP, getClass().getClassLoader()))
                .extracting(m -> m.getAnnotation(com.microsoft.azure.functions.annotation.FunctionName.class).value())
                .containsExactly("AwaitShout", "Broken", "Crash", "Exclaim", "Explode", "ExplodeQuietly", "Greet",
                        "Health", "Measure", "MeasureShout", "Shout", "StartShout", "Upper");
    }
}
