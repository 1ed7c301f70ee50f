package io.amlcompute.provisioner.local.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.microsoft.azure.functions.annotation.FunctionName;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An app loaded from its jars shares only the worker's classes with the host (WorkerClassLoader's javadoc). */
class WorkerClassLoaderTest {

    @Test
    void theAppSeesTheWorkersGsonAndFunctionsLibraryAndNothingElseOfTheHost() throws Exception {
        try (WorkerClassLoader loader = new WorkerClassLoader(List.of())) {
            assertThat(loader.loadClass(Gson.class.getName())).isSameAs(Gson.class);
            assertThat(loader.loadClass(FunctionName.class.getName())).isSameAs(FunctionName.class);
            assertThat(loader.loadClass(String.class.getName())).isSameAs(String.class);
            assertThatThrownBy(() -> loader.loadClass("com.fasterxml.jackson.databind.ObjectMapper"))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThatThrownBy(() -> loader.loadClass(WorkerClassLoaderTest.class.getName()))
                    .isInstanceOf(ClassNotFoundException.class);
        }
    }
}
