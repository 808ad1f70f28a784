package com.orderplatform.app;

import com.orderplatform.app.support.RealPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** {@link KillIT} with the packaged jar on a real PostgreSQL, the production database. */
class KillOnPostgresIT extends KillIT {

    private RealPostgres postgres;

    @BeforeEach
    void startPostgres() {
        postgres = RealPostgres.start();
    }

    @AfterEach
    void stopPostgres() {
        postgres.close();
    }

    @Override
    Connection database(Path folder) throws SQLException {
        return DriverManager.getConnection(postgres.jdbcUrl(), "postgres", "");
    }

    @Override
    List<String> databaseArguments() {
        return List.of("--spring.profiles.active=local,postgres", "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }
}
