package io.amlcompute.provisioner.local.host;

import com.microsoft.azure.functions.annotation.FunctionName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the {@code @FunctionName} methods of a function app's package on the classpath, as the Functions Java
 * worker learns them from the function.json files the Maven plugin writes. No scanning library is available here,
 * so the package's class files are listed from each classpath root that holds it: a classes directory or a jar.
 * Only the package itself is read, not its subpackages (the app keeps its entry points in one package).
 */
final class FunctionScanner {

    private FunctionScanner() {
    }

    /** Public {@code @FunctionName} methods of public classes in the package, ordered by function name. */
    static List<Method> functionMethods(String packageName, ClassLoader loader) {
        List<Method> methods = new ArrayList<>();
        for (String className : classNames(packageName, loader)) {
            Class<?> type = load(className, loader);
            if (!Modifier.isPublic(type.getModifiers()) || type.isInterface() || type.isAnnotation()) {
                continue;
            }
            for (Method method : type.getMethods()) {
                if (method.isAnnotationPresent(FunctionName.class)) {
                    methods.add(method);
                }
            }
        }
        methods.sort(Comparator.comparing(method -> method.getAnnotation(FunctionName.class).value()));
        return methods;
    }

    /** The top-level and nested class names of one package, from every classpath root that contains it. */
    static List<String> classNames(String packageName, ClassLoader loader) {
        String folder = packageName.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            for (URL root : Collections.list(loader.getResources(folder))) {
                switch (root.getProtocol()) {
                    case "file" -> names.addAll(fromDirectory(Path.of(root.toURI()), packageName));
                    case "jar" -> names.addAll(fromJar((JarURLConnection) root.openConnection(), folder));
                    default -> throw new IllegalStateException("cannot list classes under " + root
                            + ": only directories and jars are supported");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the classes of package " + packageName, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list the classes of package " + packageName, e);
        }
        return List.copyOf(names);
    }

    private static List<String> fromDirectory(Path directory, String packageName) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(FunctionScanner::isClassFile)
                    .map(file -> packageName + "." + file.substring(0, file.length() - ".class".length()))
                    .toList();
        }
    }

    private static List<String> fromJar(JarURLConnection connection, String folder) throws IOException {
        connection.setUseCaches(false);
        List<String> names = new ArrayList<>();
        try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : Collections.list(jar.entries())) {
                String name = entry.getName();
                int slash = name.lastIndexOf('/');
                if (slash == folder.length() && name.startsWith(folder) && isClassFile(name.substring(slash + 1))) {
                    names.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return names;
    }

    private static boolean isClassFile(String fileName) {
        return fileName.endsWith(".class") && !fileName.equals("package-info.class")
                && !fileName.equals("module-info.class");
    }

    private static Class<?> load(String className, ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + className + " while reading the function app", e);
        }
    }
}
