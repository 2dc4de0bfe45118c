/// Real AxeOS replies, recorded by others and published; kept byte for byte here so the
/// codec is tested against the firmware's output, not against Hearth's own writer.
enum AxeOSFixtures {
    /// A Bitaxe Gamma (BM1370), firmware v2.6.0b7: ESP-Miner's own sample,
    /// github.com/bitaxeorg/ESP-Miner main/http_server/acs-os/data/info.json
    /// (commit bca70929bc9891414d2332ca8644cdc538120319).
    static let gammaInfo = """
        {
          "power": 20.1292724609375,
          "voltage": 5109.375,
          "current": 0,
          "temp": 61.375,
          "vrTemp": 57,
          "hashRate": 956.6582325674857,
          "bestDiff": "23.7M",
          "bestSessionDiff": "23.7M",
          "stratumDiff": 8192,
          "isUsingFallbackStratum": 0,
          "isPSRAMAvailable": 1,
          "freeHeap": 8393848,
          "coreVoltage": 1150,
          "coreVoltageActual": 1129,
          "frequency": 525,
          "ssid": "nakamoto",
          "macAddr": "98:3D:AE:E1:84:64",
          "hostname": "acsbitaxe",
          "wifiStatus": "Connected!",
          "apEnabled": 0,
          "sharesAccepted": 2345,
          "sharesRejected": 4,
          "uptimeSeconds": 79113,
          "asicCount": 1,
          "smallCoreCount": 2040,
          "ASICModel": "BM1370",
          "stratumURL": "public-pool.io",
          "fallbackStratumURL": "solo.ckpool.org",
          "stratumPort": 21496,
          "fallbackStratumPort": 3333,
          "stratumUser": "bc1qa2500jc3cwjnklv4tdme4e6ascvvl5w8jezxlh.bitaxe",
          "fallbackStratumUser": "bc1qa2500jc3cwjnklv4tdme4e6ascvvl5w8jezxlh.bitaxe",
          "version": "v2.6.0b7-4-g60fba27-dirty",
          "idfVersion": "v5.4-dirty",
          "boardVersion": "601",
          "runningPartition": "factory",
          "flipscreen": 1,
          "overheat_mode": 0,
          "invertscreen": 0,
          "invertfanpolarity": 1,
          "autofanspeed": 0,
          "fanspeed": 85,
          "fanrpm": 5607
        }
        """

    /// A Bitaxe Hex (6 × BM1366, 12 V), firmware v2.0.7, from a "Bitaxe API Endpoints"
    /// documentation page (githubRepo skot/bitaxe, axeTester): an old firmware with no
    /// `fanrpm`, no `vrTemp` and no `overheat_mode`.
    static let hexInfoV2_0 = """
        {
            "power": 58.35174560546875,
            "voltage": 11906.25,
            "current": 16281.25,
            "fanSpeed": 0,
            "temp": 58,
            "boardtemp1": 30,
            "boardtemp2": 48,
            "hashRate": 2372.7583341893742,
            "bestDiff": "4.29G",
            "freeHeap": 178368,
            "coreVoltage": 1200,
            "coreVoltageActual": 1194,
            "frequency": 525,
            "ssid": "Haus1",
            "wifiStatus": "Connected!",
            "sharesAccepted": 19739,
            "sharesRejected": 0,
            "uptimeSeconds": 212115,
            "ASICModel": "BM1366",
            "stratumURL": "10.0.55.221",
            "stratumPort": 2018,
            "stratumUser": "test.hex",
            "version": "v2.0.7-48-ge561f60",
            "boardVersion": "302",
            "runningPartition": "factory",
            "flipscreen": 1,
            "invertscreen": 0,
            "invertfanpolarity": 1,
            "autofanspeed": 0,
            "fanspeed": 35
        }
        """

    /// `/api/system/asic` of a BM1370 board: the option tables of ESP-Miner
    /// main/device_config.h (BM1370_FREQUENCY_OPTIONS, BM1370_VOLTAGE_OPTIONS) as the
    /// endpoint writes them (asic_settings.c: cJSON numbers).
    static let gammaASIC = """
        {"ASICModel":"BM1370","deviceModel":"Gamma","asicCount":1,"defaultFrequency":525,
         "frequencyOptions":[400,490,525,550,600,625],"defaultVoltage":1150,
         "voltageOptions":[1000,1060,1100,1150,1200,1250]}
        """
}
