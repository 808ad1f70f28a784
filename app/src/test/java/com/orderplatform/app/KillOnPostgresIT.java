package com.orderplatform.app;

import com.orderplatform.app.support.OwnPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link KillIT} with the packaged jar on a real PostgreSQL, the production database. */
class KillOnPostgresIT extends KillIT {

    @RegisterExtension
    static final OwnPostgres POSTGRES = OwnPostgres.perTest();

    @Override
    Connection database(Path folder) throws SQLException {
        return DriverManager.getConnection(POSTGRES.jdbcUrl(), "postgres", "");
    }

    @Override
    List<String> databaseArguments() {
        return List.of("--spring.profiles.active=local,postgres", "--spring.datasource.url=" + POSTGRES.jdbcUrl(),
                "--spring.datasource.username=postgres", "--spring.datasource.password=");
    }
}
