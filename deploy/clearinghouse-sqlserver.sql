IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [CalTypes] (
        [Code] nvarchar(64) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [SortOrder] int NOT NULL,
        CONSTRAINT [PK_CalTypes] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [CountriesRegions] (
        [Code] nchar(2) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [CallingCode] nvarchar(8) NOT NULL,
        [PhoneNumber] nvarchar(40) NOT NULL,
        CONSTRAINT [PK_CountriesRegions] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) NULL,
        [Xml] nvarchar(max) NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [LicensePrograms] (
        [Code] nvarchar(64) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Kind] nvarchar(64) NOT NULL,
        [SortOrder] int NOT NULL,
        [ReferenceLabel] nvarchar(100) NULL,
        CONSTRAINT [PK_LicensePrograms] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [LicenseServers] (
        [Id] varchar(35) NOT NULL,
        [IssuedHere] bit NOT NULL,
        [FirstSeenAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LicenseServers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [ProductVersions] (
        [Code] nvarchar(64) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Rank] int NOT NULL,
        CONSTRAINT [PK_ProductVersions] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [Reasons] (
        [Code] nvarchar(64) NOT NULL,
        [Purpose] nvarchar(64) NOT NULL,
        [Text] nvarchar(200) NOT NULL,
        [SortOrder] int NOT NULL,
        CONSTRAINT [PK_Reasons] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [SourceOperatingSystems] (
        [Code] nvarchar(64) NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Rank] int NOT NULL,
        CONSTRAINT [PK_SourceOperatingSystems] PRIMARY KEY ([Code])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [ProductVersionCalTypes] (
        [ProductVersionCode] nvarchar(64) NOT NULL,
        [CalTypeCode] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_ProductVersionCalTypes] PRIMARY KEY ([ProductVersionCode], [CalTypeCode]),
        CONSTRAINT [FK_ProductVersionCalTypes_CalTypes_CalTypeCode] FOREIGN KEY ([CalTypeCode]) REFERENCES [CalTypes] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ProductVersionCalTypes_ProductVersions_ProductVersionCode] FOREIGN KEY ([ProductVersionCode]) REFERENCES [ProductVersions] ([Code]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [CalRequests] (
        [Id] uniqueidentifier NOT NULL,
        [Channel] nvarchar(16) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [SubmittedAt] datetimeoffset NULL,
        [TargetLicenseServerId] varchar(35) NULL,
        [ReasonCode] nvarchar(64) NULL,
        [LicenseProgramCode] nvarchar(64) NULL,
        [LastName] nvarchar(100) NULL,
        [FirstName] nvarchar(100) NULL,
        [CompanyName] nvarchar(100) NULL,
        [CountryRegionCode] nchar(2) NULL,
        [OrganizationalUnit] nvarchar(100) NULL,
        [StreetAddress] nvarchar(200) NULL,
        [City] nvarchar(100) NULL,
        [StateProvince] nvarchar(100) NULL,
        [PostalCode] nvarchar(20) NULL,
        [Email] nvarchar(254) NULL,
        [Phone] nvarchar(40) NULL,
        [AgreementNumber] varchar(7) NULL,
        [OpenLicenseNumber] varchar(8) NULL,
        [OpenLicenseAuthorizationNumber] varchar(15) NULL,
        [RetailLicenseCodes] varchar(520) NULL,
        [ProductVersionCode] nvarchar(64) NULL,
        [CalTypeCode] nvarchar(64) NULL,
        [Quantity] int NULL,
        CONSTRAINT [PK_CalRequests] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CalRequests_CalTypes_CalTypeCode] FOREIGN KEY ([CalTypeCode]) REFERENCES [CalTypes] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CalRequests_CountriesRegions_CountryRegionCode] FOREIGN KEY ([CountryRegionCode]) REFERENCES [CountriesRegions] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CalRequests_LicensePrograms_LicenseProgramCode] FOREIGN KEY ([LicenseProgramCode]) REFERENCES [LicensePrograms] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CalRequests_ProductVersions_ProductVersionCode] FOREIGN KEY ([ProductVersionCode]) REFERENCES [ProductVersions] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CalRequests_Reasons_ReasonCode] FOREIGN KEY ([ReasonCode]) REFERENCES [Reasons] ([Code]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [KeyPacks] (
        [Id] varchar(35) NOT NULL,
        [LicenseServerId] varchar(35) NOT NULL,
        [RequestId] uniqueidentifier NULL,
        [Channel] nvarchar(16) NOT NULL,
        [LicenseProgramCode] nvarchar(64) NOT NULL,
        [ProductVersionCode] nvarchar(64) NOT NULL,
        [CalTypeCode] nvarchar(64) NOT NULL,
        [Quantity] int NOT NULL,
        [IssuedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_KeyPacks] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_KeyPacks_Quantity] CHECK (Quantity BETWEEN 1 AND 9999),
        CONSTRAINT [FK_KeyPacks_CalRequests_RequestId] FOREIGN KEY ([RequestId]) REFERENCES [CalRequests] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_KeyPacks_LicensePrograms_LicenseProgramCode] FOREIGN KEY ([LicenseProgramCode]) REFERENCES [LicensePrograms] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_KeyPacks_LicenseServers_LicenseServerId] FOREIGN KEY ([LicenseServerId]) REFERENCES [LicenseServers] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_KeyPacks_ProductVersionCalTypes_ProductVersionCode_CalTypeCode] FOREIGN KEY ([ProductVersionCode], [CalTypeCode]) REFERENCES [ProductVersionCalTypes] ([ProductVersionCode], [CalTypeCode]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE TABLE [KeyPackInstallations] (
        [KeyPackId] varchar(35) NOT NULL,
        [LicenseServerId] varchar(35) NOT NULL,
        [InstalledAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_KeyPackInstallations] PRIMARY KEY ([KeyPackId]),
        CONSTRAINT [FK_KeyPackInstallations_KeyPacks_KeyPackId] FOREIGN KEY ([KeyPackId]) REFERENCES [KeyPacks] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_KeyPackInstallations_LicenseServers_LicenseServerId] FOREIGN KEY ([LicenseServerId]) REFERENCES [LicenseServers] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'SortOrder') AND [object_id] = OBJECT_ID(N'[CalTypes]'))
        SET IDENTITY_INSERT [CalTypes] ON;
    EXEC(N'INSERT INTO [CalTypes] ([Code], [Name], [SortOrder])
    VALUES (N''rds-per-device'', N''RDS Per Device CAL'', 1),
    (N''rds-per-user'', N''RDS Per User CAL'', 2),
    (N''ts-rds-per-device'', N''TS/RDS Per Device CAL'', 3),
    (N''ts-rds-per-user'', N''TS/RDS Per User CAL'', 4),
    (N''vdi-premium'', N''VDI Premium'', 6),
    (N''vdi-standard'', N''VDI Standard'', 5),
    (N''vdi-suite'', N''VDI Suite'', 7)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'SortOrder') AND [object_id] = OBJECT_ID(N'[CalTypes]'))
        SET IDENTITY_INSERT [CalTypes] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'CallingCode', N'Name', N'PhoneNumber') AND [object_id] = OBJECT_ID(N'[CountriesRegions]'))
        SET IDENTITY_INSERT [CountriesRegions] ON;
    EXEC(N'INSERT INTO [CountriesRegions] ([Code], [CallingCode], [Name], [PhoneNumber])
    VALUES (N''AD'', N''376'', N''Andorra'', N''+376 555 0100''),
    (N''AE'', N''971'', N''United Arab Emirates'', N''+971 555 0100''),
    (N''AF'', N''93'', N''Afghanistan'', N''+93 555 0100''),
    (N''AG'', N''1'', N''Antigua and Barbuda'', N''+1 555 0100''),
    (N''AI'', N''1'', N''Anguilla'', N''+1 555 0100''),
    (N''AL'', N''355'', N''Albania'', N''+355 555 0100''),
    (N''AM'', N''374'', N''Armenia'', N''+374 555 0100''),
    (N''AO'', N''244'', N''Angola'', N''+244 555 0100''),
    (N''AQ'', N''672'', N''Antarctica'', N''+672 555 0100''),
    (N''AR'', N''54'', N''Argentina'', N''+54 555 0100''),
    (N''AS'', N''1'', N''American Samoa'', N''+1 555 0100''),
    (N''AT'', N''43'', N''Austria'', N''+43 555 0100''),
    (N''AU'', N''61'', N''Australia'', N''+61 555 0100''),
    (N''AW'', N''297'', N''Aruba'', N''+297 555 0100''),
    (N''AX'', N''358'', N''Åland Islands'', N''+358 555 0100''),
    (N''AZ'', N''994'', N''Azerbaijan'', N''+994 555 0100''),
    (N''BA'', N''387'', N''Bosnia and Herzegovina'', N''+387 555 0100''),
    (N''BB'', N''1'', N''Barbados'', N''+1 555 0100''),
    (N''BD'', N''880'', N''Bangladesh'', N''+880 555 0100''),
    (N''BE'', N''32'', N''Belgium'', N''+32 555 0100''),
    (N''BF'', N''226'', N''Burkina Faso'', N''+226 555 0100''),
    (N''BG'', N''359'', N''Bulgaria'', N''+359 555 0100''),
    (N''BH'', N''973'', N''Bahrain'', N''+973 555 0100''),
    (N''BI'', N''257'', N''Burundi'', N''+257 555 0100''),
    (N''BJ'', N''229'', N''Benin'', N''+229 555 0100''),
    (N''BL'', N''590'', N''Saint Barthélemy'', N''+590 555 0100''),
    (N''BM'', N''1'', N''Bermuda'', N''+1 555 0100''),
    (N''BN'', N''673'', N''Brunei Darussalam'', N''+673 555 0100''),
    (N''BO'', N''591'', N''Bolivia'', N''+591 555 0100''),
    (N''BQ'', N''599'', N''Bonaire, Sint Eustatius and Saba'', N''+599 555 0100''),
    (N''BR'', N''55'', N''Brazil'', N''+55 555 0100''),
    (N''BS'', N''1'', N''Bahamas'', N''+1 555 0100''),
    (N''BT'', N''975'', N''Bhutan'', N''+975 555 0100''),
    (N''BV'', N''47'', N''Bouvet Island'', N''+47 555 0100''),
    (N''BW'', N''267'', N''Botswana'', N''+267 555 0100''),
    (N''BY'', N''375'', N''Belarus'', N''+375 555 0100''),
    (N''BZ'', N''501'', N''Belize'', N''+501 555 0100''),
    (N''CA'', N''1'', N''Canada'', N''+1 555 0100''),
    (N''CC'', N''61'', N''Cocos (Keeling) Islands'', N''+61 555 0100''),
    (N''CD'', N''243'', N''Congo, The Democratic Republic of the'', N''+243 555 0100''),
    (N''CF'', N''236'', N''Central African Republic'', N''+236 555 0100''),
    (N''CG'', N''242'', N''Congo'', N''+242 555 0100'');
    INSERT INTO [CountriesRegions] ([Code], [CallingCode], [Name], [PhoneNumber])
    VALUES (N''CH'', N''41'', N''Switzerland'', N''+41 555 0100''),
    (N''CI'', N''225'', N''Côte d''''Ivoire'', N''+225 555 0100''),
    (N''CK'', N''682'', N''Cook Islands'', N''+682 555 0100''),
    (N''CL'', N''56'', N''Chile'', N''+56 555 0100''),
    (N''CM'', N''237'', N''Cameroon'', N''+237 555 0100''),
    (N''CN'', N''86'', N''China'', N''+86 555 0100''),
    (N''CO'', N''57'', N''Colombia'', N''+57 555 0100''),
    (N''CR'', N''506'', N''Costa Rica'', N''+506 555 0100''),
    (N''CU'', N''53'', N''Cuba'', N''+53 555 0100''),
    (N''CV'', N''238'', N''Cabo Verde'', N''+238 555 0100''),
    (N''CW'', N''599'', N''Curaçao'', N''+599 555 0100''),
    (N''CX'', N''61'', N''Christmas Island'', N''+61 555 0100''),
    (N''CY'', N''357'', N''Cyprus'', N''+357 555 0100''),
    (N''CZ'', N''420'', N''Czechia'', N''+420 555 0100''),
    (N''DE'', N''49'', N''Germany'', N''+49 555 0100''),
    (N''DJ'', N''253'', N''Djibouti'', N''+253 555 0100''),
    (N''DK'', N''45'', N''Denmark'', N''+45 555 0100''),
    (N''DM'', N''1'', N''Dominica'', N''+1 555 0100''),
    (N''DO'', N''1'', N''Dominican Republic'', N''+1 555 0100''),
    (N''DZ'', N''213'', N''Algeria'', N''+213 555 0100''),
    (N''EC'', N''593'', N''Ecuador'', N''+593 555 0100''),
    (N''EE'', N''372'', N''Estonia'', N''+372 555 0100''),
    (N''EG'', N''20'', N''Egypt'', N''+20 555 0100''),
    (N''EH'', N''212'', N''Western Sahara'', N''+212 555 0100''),
    (N''ER'', N''291'', N''Eritrea'', N''+291 555 0100''),
    (N''ES'', N''34'', N''Spain'', N''+34 555 0100''),
    (N''ET'', N''251'', N''Ethiopia'', N''+251 555 0100''),
    (N''FI'', N''358'', N''Finland'', N''+358 555 0100''),
    (N''FJ'', N''679'', N''Fiji'', N''+679 555 0100''),
    (N''FK'', N''500'', N''Falkland Islands (Malvinas)'', N''+500 555 0100''),
    (N''FM'', N''691'', N''Micronesia, Federated States of'', N''+691 555 0100''),
    (N''FO'', N''298'', N''Faroe Islands'', N''+298 555 0100''),
    (N''FR'', N''33'', N''France'', N''+33 555 0100''),
    (N''GA'', N''241'', N''Gabon'', N''+241 555 0100''),
    (N''GB'', N''44'', N''United Kingdom'', N''+44 555 0100''),
    (N''GD'', N''1'', N''Grenada'', N''+1 555 0100''),
    (N''GE'', N''995'', N''Georgia'', N''+995 555 0100''),
    (N''GF'', N''594'', N''French Guiana'', N''+594 555 0100''),
    (N''GG'', N''44'', N''Guernsey'', N''+44 555 0100''),
    (N''GH'', N''233'', N''Ghana'', N''+233 555 0100''),
    (N''GI'', N''350'', N''Gibraltar'', N''+350 555 0100''),
    (N''GL'', N''299'', N''Greenland'', N''+299 555 0100'');
    INSERT INTO [CountriesRegions] ([Code], [CallingCode], [Name], [PhoneNumber])
    VALUES (N''GM'', N''220'', N''Gambia'', N''+220 555 0100''),
    (N''GN'', N''224'', N''Guinea'', N''+224 555 0100''),
    (N''GP'', N''590'', N''Guadeloupe'', N''+590 555 0100''),
    (N''GQ'', N''240'', N''Equatorial Guinea'', N''+240 555 0100''),
    (N''GR'', N''30'', N''Greece'', N''+30 555 0100''),
    (N''GS'', N''500'', N''South Georgia and the South Sandwich Islands'', N''+500 555 0100''),
    (N''GT'', N''502'', N''Guatemala'', N''+502 555 0100''),
    (N''GU'', N''1'', N''Guam'', N''+1 555 0100''),
    (N''GW'', N''245'', N''Guinea-Bissau'', N''+245 555 0100''),
    (N''GY'', N''592'', N''Guyana'', N''+592 555 0100''),
    (N''HK'', N''852'', N''Hong Kong'', N''+852 555 0100''),
    (N''HM'', N''672'', N''Heard Island and McDonald Islands'', N''+672 555 0100''),
    (N''HN'', N''504'', N''Honduras'', N''+504 555 0100''),
    (N''HR'', N''385'', N''Croatia'', N''+385 555 0100''),
    (N''HT'', N''509'', N''Haiti'', N''+509 555 0100''),
    (N''HU'', N''36'', N''Hungary'', N''+36 555 0100''),
    (N''ID'', N''62'', N''Indonesia'', N''+62 555 0100''),
    (N''IE'', N''353'', N''Ireland'', N''+353 555 0100''),
    (N''IL'', N''972'', N''Israel'', N''+972 555 0100''),
    (N''IM'', N''44'', N''Isle of Man'', N''+44 555 0100''),
    (N''IN'', N''91'', N''India'', N''+91 555 0100''),
    (N''IO'', N''246'', N''British Indian Ocean Territory'', N''+246 555 0100''),
    (N''IQ'', N''964'', N''Iraq'', N''+964 555 0100''),
    (N''IR'', N''98'', N''Iran'', N''+98 555 0100''),
    (N''IS'', N''354'', N''Iceland'', N''+354 555 0100''),
    (N''IT'', N''39'', N''Italy'', N''+39 555 0100''),
    (N''JE'', N''44'', N''Jersey'', N''+44 555 0100''),
    (N''JM'', N''1'', N''Jamaica'', N''+1 555 0100''),
    (N''JO'', N''962'', N''Jordan'', N''+962 555 0100''),
    (N''JP'', N''81'', N''Japan'', N''+81 555 0100''),
    (N''KE'', N''254'', N''Kenya'', N''+254 555 0100''),
    (N''KG'', N''996'', N''Kyrgyzstan'', N''+996 555 0100''),
    (N''KH'', N''855'', N''Cambodia'', N''+855 555 0100''),
    (N''KI'', N''686'', N''Kiribati'', N''+686 555 0100''),
    (N''KM'', N''269'', N''Comoros'', N''+269 555 0100''),
    (N''KN'', N''1'', N''Saint Kitts and Nevis'', N''+1 555 0100''),
    (N''KP'', N''850'', N''North Korea'', N''+850 555 0100''),
    (N''KR'', N''82'', N''South Korea'', N''+82 555 0100''),
    (N''KW'', N''965'', N''Kuwait'', N''+965 555 0100''),
    (N''KY'', N''1'', N''Cayman Islands'', N''+1 555 0100''),
    (N''KZ'', N''7'', N''Kazakhstan'', N''+7 555 0100''),
    (N''LA'', N''856'', N''Laos'', N''+856 555 0100'');
    INSERT INTO [CountriesRegions] ([Code], [CallingCode], [Name], [PhoneNumber])
    VALUES (N''LB'', N''961'', N''Lebanon'', N''+961 555 0100''),
    (N''LC'', N''1'', N''Saint Lucia'', N''+1 555 0100''),
    (N''LI'', N''423'', N''Liechtenstein'', N''+423 555 0100''),
    (N''LK'', N''94'', N''Sri Lanka'', N''+94 555 0100''),
    (N''LR'', N''231'', N''Liberia'', N''+231 555 0100''),
    (N''LS'', N''266'', N''Lesotho'', N''+266 555 0100''),
    (N''LT'', N''370'', N''Lithuania'', N''+370 555 0100''),
    (N''LU'', N''352'', N''Luxembourg'', N''+352 555 0100''),
    (N''LV'', N''371'', N''Latvia'', N''+371 555 0100''),
    (N''LY'', N''218'', N''Libya'', N''+218 555 0100''),
    (N''MA'', N''212'', N''Morocco'', N''+212 555 0100''),
    (N''MC'', N''377'', N''Monaco'', N''+377 555 0100''),
    (N''MD'', N''373'', N''Moldova'', N''+373 555 0100''),
    (N''ME'', N''382'', N''Montenegro'', N''+382 555 0100''),
    (N''MF'', N''590'', N''Saint Martin (French part)'', N''+590 555 0100''),
    (N''MG'', N''261'', N''Madagascar'', N''+261 555 0100''),
    (N''MH'', N''692'', N''Marshall Islands'', N''+692 555 0100''),
    (N''MK'', N''389'', N''North Macedonia'', N''+389 555 0100''),
    (N''ML'', N''223'', N''Mali'', N''+223 555 0100''),
    (N''MM'', N''95'', N''Myanmar'', N''+95 555 0100''),
    (N''MN'', N''976'', N''Mongolia'', N''+976 555 0100''),
    (N''MO'', N''853'', N''Macao'', N''+853 555 0100''),
    (N''MP'', N''1'', N''Northern Mariana Islands'', N''+1 555 0100''),
    (N''MQ'', N''596'', N''Martinique'', N''+596 555 0100''),
    (N''MR'', N''222'', N''Mauritania'', N''+222 555 0100''),
    (N''MS'', N''1'', N''Montserrat'', N''+1 555 0100''),
    (N''MT'', N''356'', N''Malta'', N''+356 555 0100''),
    (N''MU'', N''230'', N''Mauritius'', N''+230 555 0100''),
    (N''MV'', N''960'', N''Maldives'', N''+960 555 0100''),
    (N''MW'', N''265'', N''Malawi'', N''+265 555 0100''),
    (N''MX'', N''52'', N''Mexico'', N''+52 555 0100''),
    (N''MY'', N''60'', N''Malaysia'', N''+60 555 0100''),
    (N''MZ'', N''258'', N''Mozambique'', N''+258 555 0100''),
    (N''NA'', N''264'', N''Namibia'', N''+264 555 0100''),
    (N''NC'', N''687'', N''New Caledonia'', N''+687 555 0100''),
    (N''NE'', N''227'', N''Niger'', N''+227 555 0100''),
    (N''NF'', N''672'', N''Norfolk Island'', N''+672 555 0100''),
    (N''NG'', N''234'', N''Nigeria'', N''+234 555 0100''),
    (N''NI'', N''505'', N''Nicaragua'', N''+505 555 0100''),
    (N''NL'', N''31'', N''Netherlands'', N''+31 555 0100''),
    (N''NO'', N''47'', N''Norway'', N''+47 555 0100''),
    (N''NP'', N''977'', N''Nepal'', N''+977 555 0100'');
    INSERT INTO [CountriesRegions] ([Code], [CallingCode], [Name], [PhoneNumber])
    VALUES (N''NR'', N''674'', N''Nauru'', N''+674 555 0100''),
    (N''NU'', N''683'', N''Niue'', N''+683 555 0100''),
    (N''NZ'', N''64'', N''New Zealand'', N''+64 555 0100''),
    (N''OM'', N''968'', N''Oman'', N''+968 555 0100''),
    (N''PA'', N''507'', N''Panama'', N''+507 555 0100''),
    (N''PE'', N''51'', N''Peru'', N''+51 555 0100''),
    (N''PF'', N''689'', N''French Polynesia'', N''+689 555 0100''),
    (N''PG'', N''675'', N''Papua New Guinea'', N''+675 555 0100''),
    (N''PH'', N''63'', N''Philippines'', N''+63 555 0100''),
    (N''PK'', N''92'', N''Pakistan'', N''+92 555 0100''),
    (N''PL'', N''48'', N''Poland'', N''+48 555 0100''),
    (N''PM'', N''508'', N''Saint Pierre and Miquelon'', N''+508 555 0100''),
    (N''PN'', N''64'', N''Pitcairn'', N''+64 555 0100''),
    (N''PR'', N''1'', N''Puerto Rico'', N''+1 555 0100''),
    (N''PS'', N''970'', N''Palestine, State of'', N''+970 555 0100''),
    (N''PT'', N''351'', N''Portugal'', N''+351 555 0100''),
    (N''PW'', N''680'', N''Palau'', N''+680 555 0100''),
    (N''PY'', N''595'', N''Paraguay'', N''+595 555 0100''),
    (N''QA'', N''974'', N''Qatar'', N''+974 555 0100''),
    (N''RE'', N''262'', N''Réunion'', N''+262 555 0100''),
    (N''RO'', N''40'', N''Romania'', N''+40 555 0100''),
    (N''RS'', N''381'', N''Serbia'', N''+381 555 0100''),
    (N''RU'', N''7'', N''Russian Federation'', N''+7 555 0100''),
    (N''RW'', N''250'', N''Rwanda'', N''+250 555 0100''),
    (N''SA'', N''966'', N''Saudi Arabia'', N''+966 555 0100''),
    (N''SB'', N''677'', N''Solomon Islands'', N''+677 555 0100''),
    (N''SC'', N''248'', N''Seychelles'', N''+248 555 0100''),
    (N''SD'', N''249'', N''Sudan'', N''+249 555 0100''),
    (N''SE'', N''46'', N''Sweden'', N''+46 555 0100''),
    (N''SG'', N''65'', N''Singapore'', N''+65 555 0100''),
    (N''SH'', N''290'', N''Saint Helena, Ascension and Tristan da Cunha'', N''+290 555 0100''),
    (N''SI'', N''386'', N''Slovenia'', N''+386 555 0100''),
    (N''SJ'', N''47'', N''Svalbard and Jan Mayen'', N''+47 555 0100''),
    (N''SK'', N''421'', N''Slovakia'', N''+421 555 0100''),
    (N''SL'', N''232'', N''Sierra Leone'', N''+232 555 0100''),
    (N''SM'', N''378'', N''San Marino'', N''+378 555 0100''),
    (N''SN'', N''221'', N''Senegal'', N''+221 555 0100''),
    (N''SO'', N''252'', N''Somalia'', N''+252 555 0100''),
    (N''SR'', N''597'', N''Suriname'', N''+597 555 0100''),
    (N''SS'', N''211'', N''South Sudan'', N''+211 555 0100''),
    (N''ST'', N''239'', N''Sao Tome and Principe'', N''+239 555 0100''),
    (N''SV'', N''503'', N''El Salvador'', N''+503 555 0100'');
    INSERT INTO [CountriesRegions] ([Code], [CallingCode], [Name], [PhoneNumber])
    VALUES (N''SX'', N''1'', N''Sint Maarten (Dutch part)'', N''+1 555 0100''),
    (N''SY'', N''963'', N''Syria'', N''+963 555 0100''),
    (N''SZ'', N''268'', N''Eswatini'', N''+268 555 0100''),
    (N''TC'', N''1'', N''Turks and Caicos Islands'', N''+1 555 0100''),
    (N''TD'', N''235'', N''Chad'', N''+235 555 0100''),
    (N''TF'', N''262'', N''French Southern Territories'', N''+262 555 0100''),
    (N''TG'', N''228'', N''Togo'', N''+228 555 0100''),
    (N''TH'', N''66'', N''Thailand'', N''+66 555 0100''),
    (N''TJ'', N''992'', N''Tajikistan'', N''+992 555 0100''),
    (N''TK'', N''690'', N''Tokelau'', N''+690 555 0100''),
    (N''TL'', N''670'', N''Timor-Leste'', N''+670 555 0100''),
    (N''TM'', N''993'', N''Turkmenistan'', N''+993 555 0100''),
    (N''TN'', N''216'', N''Tunisia'', N''+216 555 0100''),
    (N''TO'', N''676'', N''Tonga'', N''+676 555 0100''),
    (N''TR'', N''90'', N''Türkiye'', N''+90 555 0100''),
    (N''TT'', N''1'', N''Trinidad and Tobago'', N''+1 555 0100''),
    (N''TV'', N''688'', N''Tuvalu'', N''+688 555 0100''),
    (N''TW'', N''886'', N''Taiwan'', N''+886 555 0100''),
    (N''TZ'', N''255'', N''Tanzania'', N''+255 555 0100''),
    (N''UA'', N''380'', N''Ukraine'', N''+380 555 0100''),
    (N''UG'', N''256'', N''Uganda'', N''+256 555 0100''),
    (N''UM'', N''1'', N''United States Minor Outlying Islands'', N''+1 555 0100''),
    (N''US'', N''1'', N''United States'', N''+1 555 0100''),
    (N''UY'', N''598'', N''Uruguay'', N''+598 555 0100''),
    (N''UZ'', N''998'', N''Uzbekistan'', N''+998 555 0100''),
    (N''VA'', N''39'', N''Holy See (Vatican City State)'', N''+39 555 0100''),
    (N''VC'', N''1'', N''Saint Vincent and the Grenadines'', N''+1 555 0100''),
    (N''VE'', N''58'', N''Venezuela'', N''+58 555 0100''),
    (N''VG'', N''1'', N''Virgin Islands, British'', N''+1 555 0100''),
    (N''VI'', N''1'', N''Virgin Islands, U.S.'', N''+1 555 0100''),
    (N''VN'', N''84'', N''Vietnam'', N''+84 555 0100''),
    (N''VU'', N''678'', N''Vanuatu'', N''+678 555 0100''),
    (N''WF'', N''681'', N''Wallis and Futuna'', N''+681 555 0100''),
    (N''WS'', N''685'', N''Samoa'', N''+685 555 0100''),
    (N''YE'', N''967'', N''Yemen'', N''+967 555 0100''),
    (N''YT'', N''262'', N''Mayotte'', N''+262 555 0100''),
    (N''ZA'', N''27'', N''South Africa'', N''+27 555 0100''),
    (N''ZM'', N''260'', N''Zambia'', N''+260 555 0100''),
    (N''ZW'', N''263'', N''Zimbabwe'', N''+263 555 0100'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'CallingCode', N'Name', N'PhoneNumber') AND [object_id] = OBJECT_ID(N'[CountriesRegions]'))
        SET IDENTITY_INSERT [CountriesRegions] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Kind', N'Name', N'ReferenceLabel', N'SortOrder') AND [object_id] = OBJECT_ID(N'[LicensePrograms]'))
        SET IDENTITY_INSERT [LicensePrograms] ON;
    EXEC(N'INSERT INTO [LicensePrograms] ([Code], [Kind], [Name], [ReferenceLabel], [SortOrder])
    VALUES (N''campus-agreement'', N''Agreement'', N''Campus Agreement'', N''Agreement number'', 5),
    (N''enterprise-agreement'', N''Agreement'', N''Enterprise Agreement'', N''Enrollment number'', 4),
    (N''license-pack'', N''RetailPurchase'', N''License Pack (Retail Purchase)'', NULL, 1),
    (N''open-license'', N''OpenLicense'', N''Open License'', NULL, 2),
    (N''other-agreement'', N''Agreement'', N''Other Agreement'', N''Agreement number'', 8),
    (N''school-agreement'', N''Agreement'', N''School Agreement'', N''Agreement number'', 6),
    (N''select-license'', N''Agreement'', N''Select License'', N''Agreement number'', 3),
    (N''services-provider-license-agreement'', N''Agreement'', N''Services Provider License Agreement'', N''Agreement number'', 7)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Kind', N'Name', N'ReferenceLabel', N'SortOrder') AND [object_id] = OBJECT_ID(N'[LicensePrograms]'))
        SET IDENTITY_INSERT [LicensePrograms] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'Rank') AND [object_id] = OBJECT_ID(N'[ProductVersions]'))
        SET IDENTITY_INSERT [ProductVersions] ON;
    EXEC(N'INSERT INTO [ProductVersions] ([Code], [Name], [Rank])
    VALUES (N''windows-server-2008-r2'', N''Windows Server 2008 R2 and earlier'', 2008),
    (N''windows-server-2012'', N''Windows Server 2012 (and 2012 R2)'', 2012),
    (N''windows-server-2016'', N''Windows Server 2016'', 2016),
    (N''windows-server-2019'', N''Windows Server 2019'', 2019),
    (N''windows-server-2022'', N''Windows Server 2022'', 2022),
    (N''windows-server-2025'', N''Windows Server 2025'', 2025)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'Rank') AND [object_id] = OBJECT_ID(N'[ProductVersions]'))
        SET IDENTITY_INSERT [ProductVersions] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Purpose', N'SortOrder', N'Text') AND [object_id] = OBJECT_ID(N'[Reasons]'))
        SET IDENTITY_INSERT [Reasons] ON;
    EXEC(N'INSERT INTO [Reasons] ([Code], [Purpose], [SortOrder], [Text])
    VALUES (N''activation-key-expired'', N''Reactivation'', 4, N''The activation key has expired''),
    (N''certificate-corrupt'', N''Reactivation'', 2, N''The license server certificate is corrupt''),
    (N''not-functioning'', N''Recovery'', 2, N''The source license server is no longer functioning''),
    (N''private-key-compromised'', N''Reactivation'', 3, N''The private key has been compromised''),
    (N''redeployed'', N''Reactivation'', 1, N''The license server has been redeployed''),
    (N''replaced'', N''Recovery'', 1, N''The source license server is being replaced by this license server''),
    (N''upgraded'', N''Reactivation'', 5, N''The license server has been upgraded'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Purpose', N'SortOrder', N'Text') AND [object_id] = OBJECT_ID(N'[Reasons]'))
        SET IDENTITY_INSERT [Reasons] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'Rank') AND [object_id] = OBJECT_ID(N'[SourceOperatingSystems]'))
        SET IDENTITY_INSERT [SourceOperatingSystems] ON;
    EXEC(N'INSERT INTO [SourceOperatingSystems] ([Code], [Name], [Rank])
    VALUES (N''windows-server-2003'', N''Windows Server 2003'', 2003),
    (N''windows-server-2008'', N''Windows Server 2008'', 2008),
    (N''windows-server-2008-r2'', N''Windows Server 2008 R2'', 2009),
    (N''windows-server-2012'', N''Windows Server 2012'', 2012),
    (N''windows-server-2012-r2'', N''Windows Server 2012 R2'', 2013),
    (N''windows-server-2016'', N''Windows Server 2016'', 2016),
    (N''windows-server-2019'', N''Windows Server 2019'', 2019),
    (N''windows-server-2022'', N''Windows Server 2022'', 2022),
    (N''windows-server-2025'', N''Windows Server 2025'', 2025)');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'Code', N'Name', N'Rank') AND [object_id] = OBJECT_ID(N'[SourceOperatingSystems]'))
        SET IDENTITY_INSERT [SourceOperatingSystems] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'CalTypeCode', N'ProductVersionCode') AND [object_id] = OBJECT_ID(N'[ProductVersionCalTypes]'))
        SET IDENTITY_INSERT [ProductVersionCalTypes] ON;
    EXEC(N'INSERT INTO [ProductVersionCalTypes] ([CalTypeCode], [ProductVersionCode])
    VALUES (N''ts-rds-per-device'', N''windows-server-2008-r2''),
    (N''ts-rds-per-user'', N''windows-server-2008-r2''),
    (N''vdi-premium'', N''windows-server-2008-r2''),
    (N''vdi-standard'', N''windows-server-2008-r2''),
    (N''vdi-suite'', N''windows-server-2008-r2''),
    (N''rds-per-device'', N''windows-server-2012''),
    (N''rds-per-user'', N''windows-server-2012''),
    (N''vdi-suite'', N''windows-server-2012''),
    (N''rds-per-device'', N''windows-server-2016''),
    (N''rds-per-user'', N''windows-server-2016''),
    (N''vdi-suite'', N''windows-server-2016''),
    (N''rds-per-device'', N''windows-server-2019''),
    (N''rds-per-user'', N''windows-server-2019''),
    (N''vdi-suite'', N''windows-server-2019''),
    (N''rds-per-device'', N''windows-server-2022''),
    (N''rds-per-user'', N''windows-server-2022''),
    (N''vdi-suite'', N''windows-server-2022''),
    (N''rds-per-device'', N''windows-server-2025''),
    (N''rds-per-user'', N''windows-server-2025''),
    (N''vdi-suite'', N''windows-server-2025'')');
    IF EXISTS (SELECT * FROM [sys].[identity_columns] WHERE [name] IN (N'CalTypeCode', N'ProductVersionCode') AND [object_id] = OBJECT_ID(N'[ProductVersionCalTypes]'))
        SET IDENTITY_INSERT [ProductVersionCalTypes] OFF;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_CalRequests_CalTypeCode] ON [CalRequests] ([CalTypeCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_CalRequests_CountryRegionCode] ON [CalRequests] ([CountryRegionCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_CalRequests_CreatedAt] ON [CalRequests] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_CalRequests_LicenseProgramCode] ON [CalRequests] ([LicenseProgramCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_CalRequests_ProductVersionCode] ON [CalRequests] ([ProductVersionCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_CalRequests_ReasonCode] ON [CalRequests] ([ReasonCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_KeyPackInstallations_LicenseServerId] ON [KeyPackInstallations] ([LicenseServerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_KeyPacks_IssuedAt] ON [KeyPacks] ([IssuedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_KeyPacks_LicenseProgramCode] ON [KeyPacks] ([LicenseProgramCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_KeyPacks_LicenseServerId] ON [KeyPacks] ([LicenseServerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_KeyPacks_ProductVersionCode_CalTypeCode] ON [KeyPacks] ([ProductVersionCode], [CalTypeCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_KeyPacks_RequestId] ON [KeyPacks] ([RequestId]) WHERE [RequestId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    CREATE INDEX [IX_ProductVersionCalTypes_CalTypeCode] ON [ProductVersionCalTypes] ([CalTypeCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261128161531_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261128161531_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129011311_FinalRequestsForeignIdsLabCountries'
)
BEGIN
    ALTER TABLE [CalRequests] ADD [RetailLicenseCodesAreForeign] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129011311_FinalRequestsForeignIdsLabCountries'
)
BEGIN
    ALTER TABLE [CalRequests] ADD [TargetLicenseServerIdIsForeign] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129011311_FinalRequestsForeignIdsLabCountries'
)
BEGIN
    ALTER TABLE [CalRequests] ADD [Version] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129011311_FinalRequestsForeignIdsLabCountries'
)
BEGIN
    CREATE INDEX [IX_CalRequests_SubmittedAt_UpdatedAt] ON [CalRequests] ([SubmittedAt], [UpdatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129011311_FinalRequestsForeignIdsLabCountries'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129011311_FinalRequestsForeignIdsLabCountries', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [SourceOperatingSystems] ADD [ProductVersionCode] nvarchar(64) NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [ActivatedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [OperatingSystemCode] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [ProductId] varchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [ProductVersionCode] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [ReplacedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [ReplacedById] varchar(35) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [Version] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [KeyPacks] ADD [MigratedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [KeyPacks] ADD [MigratedToKeyPackId] varchar(35) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [KeyPacks] ADD [PurchaseId] uniqueidentifier NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [KeyPacks] ADD [PurchaseReference] varchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [KeyPacks] ADD [Purpose] nvarchar(32) NOT NULL DEFAULT N'Migration';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [KeyPacks] ADD [Version] int NOT NULL DEFAULT 0;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [CalRequests] ADD [IssuedLicenseServerId] varchar(35) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [CalRequests] ADD [Kind] nvarchar(32) NOT NULL DEFAULT N'ManageCals';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [CalRequests] ADD [OperatingSystemCode] nvarchar(64) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [CalRequests] ADD [ProductId] varchar(20) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE TABLE [Purchases] (
        [Id] uniqueidentifier NOT NULL,
        [LicenseProgramCode] nvarchar(64) NOT NULL,
        [Reference] varchar(100) NOT NULL,
        [ProductVersionCode] nvarchar(64) NOT NULL,
        [CalTypeCode] nvarchar(64) NOT NULL,
        [Quantity] int NOT NULL,
        [RegisteredAt] datetimeoffset NOT NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_Purchases] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_Purchases_Quantity] CHECK (Quantity BETWEEN 1 AND 1000000),
        CONSTRAINT [FK_Purchases_LicensePrograms_LicenseProgramCode] FOREIGN KEY ([LicenseProgramCode]) REFERENCES [LicensePrograms] ([Code]) ON DELETE NO ACTION,
        CONSTRAINT [FK_Purchases_ProductVersionCalTypes_ProductVersionCode_CalTypeCode] FOREIGN KEY ([ProductVersionCode], [CalTypeCode]) REFERENCES [ProductVersionCalTypes] ([ProductVersionCode], [CalTypeCode]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE TABLE [RetailLicenseCodes] (
        [Code] varchar(25) NOT NULL,
        [KeyPackId] varchar(35) NOT NULL,
        [FirstUsedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_RetailLicenseCodes] PRIMARY KEY ([Code]),
        CONSTRAINT [FK_RetailLicenseCodes_KeyPacks_KeyPackId] FOREIGN KEY ([KeyPackId]) REFERENCES [KeyPacks] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'UPDATE [SourceOperatingSystems] SET [ProductVersionCode] = N''windows-server-2008-r2''
    WHERE [Code] = N''windows-server-2003'';
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'UPDATE [SourceOperatingSystems] SET [ProductVersionCode] = N''windows-server-2008-r2''
    WHERE [Code] = N''windows-server-2008'';
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'UPDATE [SourceOperatingSystems] SET [ProductVersionCode] = N''windows-server-2008-r2''
    WHERE [Code] = N''windows-server-2008-r2'';
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'UPDATE [SourceOperatingSystems] SET [ProductVersionCode] = N''windows-server-2012''
    WHERE [Code] = N''windows-server-2012'';
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'UPDATE [SourceOperatingSystems] SET [ProductVersionCode] = N''windows-server-2012''
    WHERE [Code] = N''windows-server-2012-r2'';
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'UPDATE [SourceOperatingSystems] SET [ProductVersionCode] = N''windows-server-2016''
    WHERE [Code] = N''windows-server-2016'';
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'UPDATE [SourceOperatingSystems] SET [ProductVersionCode] = N''windows-server-2019''
    WHERE [Code] = N''windows-server-2019'';
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'UPDATE [SourceOperatingSystems] SET [ProductVersionCode] = N''windows-server-2022''
    WHERE [Code] = N''windows-server-2022'';
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'UPDATE [SourceOperatingSystems] SET [ProductVersionCode] = N''windows-server-2025''
    WHERE [Code] = N''windows-server-2025'';
    SELECT @@ROWCOUNT');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE INDEX [IX_SourceOperatingSystems_ProductVersionCode] ON [SourceOperatingSystems] ([ProductVersionCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE INDEX [IX_LicenseServers_OperatingSystemCode] ON [LicenseServers] ([OperatingSystemCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE INDEX [IX_LicenseServers_ProductVersionCode] ON [LicenseServers] ([ProductVersionCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_LicenseServers_ReplacedById] ON [LicenseServers] ([ReplacedById]) WHERE [ReplacedById] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE INDEX [IX_KeyPacks_MigratedToKeyPackId] ON [KeyPacks] ([MigratedToKeyPackId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE INDEX [IX_KeyPacks_PurchaseId] ON [KeyPacks] ([PurchaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE INDEX [IX_KeyPacks_PurchaseReference] ON [KeyPacks] ([PurchaseReference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_CalRequests_IssuedLicenseServerId] ON [CalRequests] ([IssuedLicenseServerId]) WHERE [IssuedLicenseServerId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE INDEX [IX_CalRequests_OperatingSystemCode] ON [CalRequests] ([OperatingSystemCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Purchases_LicenseProgramCode_Reference_ProductVersionCode_CalTypeCode] ON [Purchases] ([LicenseProgramCode], [Reference], [ProductVersionCode], [CalTypeCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE INDEX [IX_Purchases_ProductVersionCode_CalTypeCode] ON [Purchases] ([ProductVersionCode], [CalTypeCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    CREATE INDEX [IX_RetailLicenseCodes_KeyPackId] ON [RetailLicenseCodes] ([KeyPackId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [CalRequests] ADD CONSTRAINT [FK_CalRequests_LicenseServers_IssuedLicenseServerId] FOREIGN KEY ([IssuedLicenseServerId]) REFERENCES [LicenseServers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [CalRequests] ADD CONSTRAINT [FK_CalRequests_SourceOperatingSystems_OperatingSystemCode] FOREIGN KEY ([OperatingSystemCode]) REFERENCES [SourceOperatingSystems] ([Code]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [KeyPacks] ADD CONSTRAINT [FK_KeyPacks_KeyPacks_MigratedToKeyPackId] FOREIGN KEY ([MigratedToKeyPackId]) REFERENCES [KeyPacks] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [KeyPacks] ADD CONSTRAINT [FK_KeyPacks_Purchases_PurchaseId] FOREIGN KEY ([PurchaseId]) REFERENCES [Purchases] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD CONSTRAINT [FK_LicenseServers_LicenseServers_ReplacedById] FOREIGN KEY ([ReplacedById]) REFERENCES [LicenseServers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD CONSTRAINT [FK_LicenseServers_ProductVersions_ProductVersionCode] FOREIGN KEY ([ProductVersionCode]) REFERENCES [ProductVersions] ([Code]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD CONSTRAINT [FK_LicenseServers_SourceOperatingSystems_OperatingSystemCode] FOREIGN KEY ([OperatingSystemCode]) REFERENCES [SourceOperatingSystems] ([Code]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    ALTER TABLE [SourceOperatingSystems] ADD CONSTRAINT [FK_SourceOperatingSystems_ProductVersions_ProductVersionCode] FOREIGN KEY ([ProductVersionCode]) REFERENCES [ProductVersions] ([Code]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129012149_SiteFlowsAndPurchaseRules'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129012149_SiteFlowsAndPurchaseRules', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129033742_ApiCredentialsDeactivationIdempotency'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [CredentialHash] varbinary(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129033742_ApiCredentialsDeactivationIdempotency'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [DeactivatedAt] datetimeoffset NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129033742_ApiCredentialsDeactivationIdempotency'
)
BEGIN
    CREATE TABLE [IdempotencyRecords] (
        [Id] uniqueidentifier NOT NULL,
        [Scope] varchar(300) NOT NULL,
        [Key] varchar(100) NOT NULL,
        [FingerprintHash] varbinary(32) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [Completed] bit NOT NULL,
        [StatusCode] int NULL,
        [Location] varchar(300) NULL,
        [ContentType] varchar(100) NULL,
        [Body] nvarchar(max) NULL,
        CONSTRAINT [PK_IdempotencyRecords] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129033742_ApiCredentialsDeactivationIdempotency'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_LicenseServers_CredentialHash] ON [LicenseServers] ([CredentialHash]) WHERE [CredentialHash] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129033742_ApiCredentialsDeactivationIdempotency'
)
BEGIN
    CREATE INDEX [IX_IdempotencyRecords_CreatedAt] ON [IdempotencyRecords] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129033742_ApiCredentialsDeactivationIdempotency'
)
BEGIN
    CREATE UNIQUE INDEX [IX_IdempotencyRecords_Scope_Key] ON [IdempotencyRecords] ([Scope], [Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129033742_ApiCredentialsDeactivationIdempotency'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129033742_ApiCredentialsDeactivationIdempotency', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(100) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [DisabledAt] datetimeoffset NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetimeoffset NOT NULL,
        [ActorUserId] nvarchar(450) NULL,
        [Actor] nvarchar(256) NOT NULL,
        [Action] nvarchar(64) NOT NULL,
        [Subject] nvarchar(256) NULL,
        [Details] nvarchar(2000) NULL,
        [ClientAddress] nvarchar(64) NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_Action_At] ON [AuditEntries] ([Action], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_Actor_At] ON [AuditEntries] ([Actor], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129043726_ConsoleAccountsAndAuditTrail'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129043726_ConsoleAccountsAndAuditTrail', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060617_TelephoneCalls'
)
BEGIN
    ALTER TABLE [LicenseServers] ADD [DeactivationConfirmationCode] varchar(35) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060617_TelephoneCalls'
)
BEGIN
    ALTER TABLE [CalRequests] ADD [RepresentativeId] nvarchar(450) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060617_TelephoneCalls'
)
BEGIN
    CREATE INDEX [IX_CalRequests_RepresentativeId] ON [CalRequests] ([RepresentativeId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060617_TelephoneCalls'
)
BEGIN
    CREATE INDEX [IX_CalRequests_TargetLicenseServerId] ON [CalRequests] ([TargetLicenseServerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060617_TelephoneCalls'
)
BEGIN
    ALTER TABLE [CalRequests] ADD CONSTRAINT [FK_CalRequests_AspNetUsers_RepresentativeId] FOREIGN KEY ([RepresentativeId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129060617_TelephoneCalls'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129060617_TelephoneCalls', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072921_SharedRateLimitWindows'
)
BEGIN
    CREATE TABLE [RateLimitWindows] (
        [PartitionKey] varchar(100) NOT NULL,
        [WindowNumber] bigint NOT NULL,
        [RequestCount] int NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_RateLimitWindows] PRIMARY KEY ([PartitionKey], [WindowNumber])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072921_SharedRateLimitWindows'
)
BEGIN
    CREATE INDEX [IX_RateLimitWindows_ExpiresAt] ON [RateLimitWindows] ([ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129072921_SharedRateLimitWindows'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129072921_SharedRateLimitWindows', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129074101_LabAdministration'
)
BEGIN
    CREATE TABLE [LabApiKeys] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(100) NOT NULL,
        [Hash] varbinary(32) NOT NULL,
        [Prefix] nvarchar(12) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [RevokedAt] datetimeoffset NULL,
        CONSTRAINT [PK_LabApiKeys] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LabApiKeys_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129074101_LabAdministration'
)
BEGIN
    CREATE TABLE [LabSettings] (
        [Id] int NOT NULL,
        [Mode] nvarchar(32) NULL,
        [IdSeed] nvarchar(100) NULL,
        [IdsDrawn] bigint NOT NULL,
        [FaultDelayMilliseconds] int NOT NULL,
        [FaultErrorRate] float NOT NULL,
        [OutageFrom] datetimeoffset NULL,
        [OutageTo] datetimeoffset NULL,
        [UpdatedAt] datetimeoffset NULL,
        CONSTRAINT [PK_LabSettings] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129074101_LabAdministration'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LabApiKeys_Hash] ON [LabApiKeys] ([Hash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129074101_LabAdministration'
)
BEGIN
    CREATE INDEX [IX_LabApiKeys_UserId] ON [LabApiKeys] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129074101_LabAdministration'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129074101_LabAdministration', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129131628_ActiveKeyPacksOfPurchaseIndex'
)
BEGIN
    DROP INDEX [IX_KeyPacks_PurchaseReference] ON [KeyPacks];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129131628_ActiveKeyPacksOfPurchaseIndex'
)
BEGIN
    CREATE INDEX [IX_KeyPacks_ActiveOfPurchase] ON [KeyPacks] ([PurchaseReference], [ProductVersionCode], [CalTypeCode], [MigratedToKeyPackId], [LicenseServerId], [IssuedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129131628_ActiveKeyPacksOfPurchaseIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129131628_ActiveKeyPacksOfPurchaseIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_SourceOperatingSystems_ProductVersionCode] ON [SourceOperatingSystems];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_Purchases_ProductVersionCode_CalTypeCode] ON [Purchases];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_ProductVersionCalTypes_CalTypeCode] ON [ProductVersionCalTypes];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_LicenseServers_OperatingSystemCode] ON [LicenseServers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_LicenseServers_ProductVersionCode] ON [LicenseServers];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_KeyPacks_LicenseProgramCode] ON [KeyPacks];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_KeyPacks_ProductVersionCode_CalTypeCode] ON [KeyPacks];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_CalRequests_CalTypeCode] ON [CalRequests];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_CalRequests_CountryRegionCode] ON [CalRequests];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_CalRequests_LicenseProgramCode] ON [CalRequests];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_CalRequests_OperatingSystemCode] ON [CalRequests];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_CalRequests_ProductVersionCode] ON [CalRequests];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    DROP INDEX [IX_CalRequests_ReasonCode] ON [CalRequests];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261129173816_CatalogueKeysWithoutIndexes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261129173816_CatalogueKeysWithoutIndexes', N'10.0.15');
END;

COMMIT;
GO

