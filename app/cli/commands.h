#pragma once
/// \file The flowscope-cli sub-commands. Each takes the arguments after its name, prints its
/// result on stdout (JSON) and progress on stderr, and returns the exit status; usage mistakes
/// throw cli::UsageError and failures std::exception (the dispatcher turns both into exit 2).

#include <QJsonObject>

#include <string>
#include <vector>

namespace flowscope::cli {

int runTrain2d(const std::vector<std::string>& args);
int runDensity2d(const std::vector<std::string>& args);
int runBench(const std::vector<std::string>& args);
int runFaces(const std::vector<std::string>& args);
int runGlow(const std::vector<std::string>& args);
int runVae(const std::vector<std::string>& args);
int runLangevin(const std::vector<std::string>& args);
int runAnimate(const std::vector<std::string>& args);

std::string train2dHelp();  ///< lists the flow kinds from their one table
extern const char* const kDensity2dHelp;
extern const char* const kBenchHelp;
extern const char* const kFacesHelp;
extern const char* const kGlowHelp;
extern const char* const kVaeHelp;
extern const char* const kLangevinHelp;
extern const char* const kAnimateHelp;

/// Prints one compact JSON object as a line on stdout.
void printJsonLine(const QJsonObject& object);

}  // namespace flowscope::cli
